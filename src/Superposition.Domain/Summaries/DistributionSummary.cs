using Superposition.Scores;

namespace Superposition.Summaries;

/// <summary>One model under one task mixture, over all its scored prompts, under each measure its strategy took.</summary>
/// <param name="Distribution">Distribution name.</param>
/// <param name="Target">D: the task shares of the prompts' examples (their mean, when counts differ by prompt).</param>
/// <param name="Prompts">Prompts aggregated.</param>
/// <param name="Cost">Requests, tokens and time summed over the prompts.</param>
/// <param name="Terminated">P(answer + "\n"), the suite's measure; null when no prompt has it.</param>
/// <param name="Prefix">The prefix-inclusive P(answer), comparable with the paper's Fig. 6; null when no prompt has it.</param>
public sealed record DistributionSummary(
    string Distribution,
    IReadOnlyList<double> Target,
    int Prompts,
    ScoringCost Cost,
    MeasureSummary? Terminated,
    MeasureSummary? Prefix)
{
    /// <summary>The summary under <paramref name="measure"/>, or null when no prompt has it.</summary>
    public MeasureSummary? Of(AnswerMeasure measure) => measure == AnswerMeasure.Terminated ? Terminated : Prefix;
}
