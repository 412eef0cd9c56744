namespace Superposition.Nightly;

/// <summary>
/// One comparison of a nightly run with a baseline run: one model, distribution and measure (<see cref="DriftTest"/>).
/// </summary>
/// <param name="Model">Model name.</param>
/// <param name="Distribution">Distribution name.</param>
/// <param name="Measure">klRaw, klNorm or validMass (<see cref="DriftTest.Measures"/>).</param>
/// <param name="Baseline">previous (the last complete night before) or first (the original experiment).</param>
/// <param name="BaselineRun">The baseline's run id.</param>
/// <param name="Paired">True when both runs scored the same prompts (paired bootstrap), false for the two-sample bootstrap.</param>
/// <param name="Prompts">Values of this run that entered the test (pairs when paired).</param>
/// <param name="BaselinePrompts">Values of the baseline that entered the test (the same as <paramref name="Prompts"/> when paired).</param>
/// <param name="Excluded">Prompts left out because a value was infinite (KL with a task at probability 0), both runs together.</param>
/// <param name="Difference">Mean of this run minus mean of the baseline; null when not tested.</param>
/// <param name="Low">Lower bound of the difference's percentile interval; null when not tested.</param>
/// <param name="High">Upper bound; null when not tested.</param>
/// <param name="Confidence">The interval's level, 1 − α/m (Bonferroni); null when not tested.</param>
/// <param name="Flagged">True when the interval excludes 0: a change beyond sampling error.</param>
/// <param name="NotTested">Why no test was made (too few prompts, no baseline group); null when tested.</param>
public sealed record DriftComparison(
    string Model,
    string Distribution,
    string Measure,
    string Baseline,
    string BaselineRun,
    bool Paired,
    int Prompts,
    int BaselinePrompts,
    int Excluded,
    double? Difference,
    double? Low,
    double? High,
    double? Confidence,
    bool Flagged,
    string? NotTested = null);
