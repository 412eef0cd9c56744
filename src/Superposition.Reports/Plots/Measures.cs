using Superposition.Scores;
using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>How reports name the two measures of an answer, and which one a per-model plot shows.</summary>
internal static class Measures
{
    /// <summary>Short label of a measure for legends and headers.</summary>
    public static string Label(AnswerMeasure measure) => measure == AnswerMeasure.Terminated ? "P(answer + \\n)" : "prefix-inclusive P(answer)";

    /// <summary>
    /// The measure a plot of one model uses: P(answer + "\n") wherever the model has it (the suite's measure),
    /// else the prefix-inclusive P (the authors' procedures take no other).
    /// </summary>
    public static AnswerMeasure PrimaryOf(ModelSummary model) =>
        model.Distributions.Any(d => d.Terminated is not null) ? AnswerMeasure.Terminated : AnswerMeasure.Prefix;
}
