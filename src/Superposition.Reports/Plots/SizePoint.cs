namespace Superposition.Reports.Plots;

/// <summary>A value at one model size, with its interval when it has one.</summary>
internal sealed record SizePoint(double Parameters, double Value, double? Low = null, double? High = null);
