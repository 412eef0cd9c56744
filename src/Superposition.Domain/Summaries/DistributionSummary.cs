using Superposition.Scores;

namespace Superposition.Summaries;

/// <summary>One model under one task mixture, over all its scored prompts.</summary>
/// <param name="Distribution">Distribution name.</param>
/// <param name="Target">D: the task shares of the prompts' examples (their mean, when counts differ by prompt).</param>
/// <param name="Prompts">Prompts aggregated.</param>
/// <param name="ExactPrompts">Prompts whose every probability was exact.</param>
/// <param name="InfinitePrompts">Prompts with KL = +∞ (some task got probability 0).</param>
/// <param name="KlRaw">Mean per-prompt KL_raw (the paper's number) with bootstrap interval.</param>
/// <param name="KlNormalized">Mean per-prompt KL_norm with bootstrap interval.</param>
/// <param name="ValidMass">Mean valid mass s with bootstrap interval.</param>
/// <param name="KlOfMeanRaw">KL_raw of the mean P (never above the mean of per-prompt KLs).</param>
/// <param name="KlOfMeanNormalized">KL_norm of the mean P.</param>
/// <param name="MeanProbabilities">Mean P per task, in task order.</param>
/// <param name="Cost">Requests, tokens and time summed over the prompts.</param>
public sealed record DistributionSummary(
    string Distribution,
    IReadOnlyList<double> Target,
    int Prompts,
    int ExactPrompts,
    int InfinitePrompts,
    MetricSummary KlRaw,
    MetricSummary KlNormalized,
    MetricSummary ValidMass,
    double KlOfMeanRaw,
    double KlOfMeanNormalized,
    IReadOnlyList<double> MeanProbabilities,
    ScoringCost Cost);
