namespace Superposition.Summaries;

/// <summary>
/// The calibration exponent of one model: log P̄_i = β·log D_i + b_i + c_d fitted on the per-distribution mean
/// probabilities (one intercept per distribution, biases summing to 0). β = 1 calibrated, β &gt; 1 over-confident,
/// β &lt; 1 flattened. Null numbers where β cannot be identified (e.g. only the uniform D1), with the reason.
/// </summary>
public sealed record ExponentSummary(
    bool Identifiable,
    string? Reason,
    double? Beta,
    double? Low,
    double? High,
    IReadOnlyList<double> TaskBiases,
    double? RSquared,
    int Observations);
