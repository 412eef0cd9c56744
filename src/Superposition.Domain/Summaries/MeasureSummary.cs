namespace Superposition.Summaries;

/// <summary>One model under one mixture, over its scored prompts, under one <see cref="Scores.AnswerMeasure"/>.</summary>
/// <param name="Prompts">Prompts with this measure.</param>
/// <param name="ExactPrompts">Of those, prompts whose every probability was exact.</param>
/// <param name="InfinitePrompts">Prompts with KL_raw = +∞ (some task got probability 0).</param>
/// <param name="KlRaw">Mean per-prompt KL_raw with bootstrap interval.</param>
/// <param name="KlNormalized">Mean per-prompt KL_norm with bootstrap interval.</param>
/// <param name="ValidMass">Mean valid mass s with bootstrap interval (above 1 is possible under the prefix measure, where one answer's mass holds another's).</param>
/// <param name="KlOfMeanRaw">KL_raw of the mean P; never above the mean of per-prompt KL_raw when every prompt has the same D.</param>
/// <param name="KlOfMeanNormalized">KL_norm of the mean P; it can exceed the mean of per-prompt KL_norm.</param>
/// <param name="MeanProbabilities">Mean P per task, in task order.</param>
/// <param name="Polya">The KLs to the Pólya predictive of the examples' counts when the spec asks for the comparison
/// (<c>polya</c>); null otherwise.</param>
public sealed record MeasureSummary(
    int Prompts,
    int ExactPrompts,
    int InfinitePrompts,
    MetricSummary KlRaw,
    MetricSummary KlNormalized,
    MetricSummary ValidMass,
    double KlOfMeanRaw,
    double KlOfMeanNormalized,
    IReadOnlyList<double> MeanProbabilities,
    PolyaComparison? Polya = null);
