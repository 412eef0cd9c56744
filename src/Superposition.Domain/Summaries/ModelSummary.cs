namespace Superposition.Summaries;

/// <summary>One model's results: per distribution, and its calibration exponent across distributions.</summary>
/// <param name="Model">Model name.</param>
/// <param name="ParameterCount">Parameters, from configuration (orders models in Fig. 6-style plots); null if unknown.</param>
/// <param name="Distributions">Per-distribution summaries, in the spec's order.</param>
/// <param name="Exponent">Calibration exponent; null with fewer than two distributions.</param>
public sealed record ModelSummary(string Model, double? ParameterCount, IReadOnlyList<DistributionSummary> Distributions, ExponentSummary? Exponent);
