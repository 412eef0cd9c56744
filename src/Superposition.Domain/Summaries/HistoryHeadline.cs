namespace Superposition.Summaries;

/// <summary>The headline numbers of one model under one distribution on one date (<see cref="HistoryEntry"/>).</summary>
/// <param name="Model">Model name.</param>
/// <param name="ParameterCount">Parameters, when known (orders models).</param>
/// <param name="Distribution">Distribution name.</param>
/// <param name="KlRaw">Mean KL_raw of P(answer + "\n") with interval; null when that measure was not taken.</param>
/// <param name="KlNormalized">Mean KL_norm of P(answer + "\n") with interval; null likewise.</param>
/// <param name="ValidMass">Mean valid mass of P(answer + "\n") with interval; null likewise.</param>
/// <param name="KlOfMeanRaw">KL_raw of the mean P(answer + "\n").</param>
/// <param name="Beta">The model's calibration exponent of P(answer + "\n") across distributions, where identifiable.</param>
/// <param name="PrefixKlRaw">Mean KL_raw of the prefix-inclusive P(answer), comparable with the paper; null when not measured.</param>
public sealed record HistoryHeadline(
    string Model,
    double? ParameterCount,
    string Distribution,
    MetricSummary? KlRaw,
    MetricSummary? KlNormalized,
    MetricSummary? ValidMass,
    double? KlOfMeanRaw = null,
    double? Beta = null,
    MetricSummary? PrefixKlRaw = null);
