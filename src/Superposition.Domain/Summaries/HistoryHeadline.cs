namespace Superposition.Summaries;

/// <summary>The headline numbers of one model under one distribution on one date (<see cref="HistoryEntry"/>).</summary>
/// <param name="Model">Model name.</param>
/// <param name="ParameterCount">Parameters, when known (orders models).</param>
/// <param name="Distribution">Distribution name.</param>
/// <param name="KlRaw">Mean KL_raw with interval.</param>
/// <param name="KlNormalized">Mean KL_norm with interval.</param>
/// <param name="ValidMass">Mean valid mass with interval.</param>
/// <param name="KlOfMeanRaw">KL_raw of the mean P.</param>
/// <param name="Beta">The model's calibration exponent across distributions, where identifiable.</param>
public sealed record HistoryHeadline(
    string Model,
    double? ParameterCount,
    string Distribution,
    MetricSummary KlRaw,
    MetricSummary KlNormalized,
    MetricSummary ValidMass,
    double? KlOfMeanRaw = null,
    double? Beta = null);
