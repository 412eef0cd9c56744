using Superposition.Scores;

namespace Superposition.Summaries;

/// <summary>One model's results: per distribution, and its calibration exponent across distributions under each measure.</summary>
/// <param name="Model">Model name.</param>
/// <param name="ParameterCount">Parameters, from configuration (orders models in Fig. 6-style plots); null if unknown.</param>
/// <param name="Distributions">Per-distribution summaries, in the spec's order.</param>
/// <param name="Exponent">Calibration exponent of P(answer + "\n"); null with fewer than two distributions having that measure.</param>
/// <param name="PrefixExponent">Calibration exponent of the prefix-inclusive P(answer); null likewise.</param>
/// <param name="Across">P(answer + "\n")'s KLs and valid mass averaged over the distributions, with stratified
/// bootstrap intervals; null with fewer than two distributions having that measure, and in summaries stored before
/// it was recorded.</param>
/// <param name="PrefixAcross">The same of the prefix-inclusive P(answer); null likewise.</param>
public sealed record ModelSummary(
    string Model,
    double? ParameterCount,
    IReadOnlyList<DistributionSummary> Distributions,
    ExponentSummary? Exponent,
    ExponentSummary? PrefixExponent = null,
    AcrossDistributions? Across = null,
    AcrossDistributions? PrefixAcross = null)
{
    /// <summary>The exponent under <paramref name="measure"/>.</summary>
    public ExponentSummary? ExponentOf(AnswerMeasure measure) => measure == AnswerMeasure.Terminated ? Exponent : PrefixExponent;

    /// <summary>The numbers across distributions under <paramref name="measure"/>.</summary>
    public AcrossDistributions? AcrossOf(AnswerMeasure measure) => measure == AnswerMeasure.Terminated ? Across : PrefixAcross;
}
