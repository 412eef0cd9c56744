namespace Superposition.Nightly;

/// <summary>
/// The drift test of one nightly run against its baselines (<c>experiments/{run}/drift.json</c>, written once when
/// the run is complete): every comparison, flagged or not, and the test's settings.
/// </summary>
/// <param name="Version">Document format version.</param>
/// <param name="RunId">The nightly run.</param>
/// <param name="Experiment">The original experiment (owner of the history).</param>
/// <param name="Alpha">Family-wise false-flag rate of the night (Superposition:Nightly:DriftAlpha).</param>
/// <param name="Resamples">Bootstrap resamples (B).</param>
/// <param name="MinimumPrompts">Fewest prompts a comparison needs to be tested.</param>
/// <param name="Comparisons">m: comparisons tested, over which α is split (Bonferroni).</param>
/// <param name="Tests">Every comparison, tested or not.</param>
public sealed record DriftReport(
    int Version,
    string RunId,
    string Experiment,
    double Alpha,
    int Resamples,
    int MinimumPrompts,
    int Comparisons,
    IReadOnlyList<DriftComparison> Tests)
{
    public const int CurrentVersion = 1;

    /// <summary>The comparisons flagged (changes beyond sampling error); written with the document for readers that key on it, ignored when read.</summary>
    public IReadOnlyList<DriftComparison> Flags => [.. Tests.Where(t => t.Flagged)];

    /// <summary>What the history entry keeps: the test's level and the flags.</summary>
    public HistoryDrift ToHistory() => new(Alpha, Comparisons, Flags);
}
