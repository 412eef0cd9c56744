namespace Superposition.Summaries;

/// <summary>A mean over prompts with its percentile-bootstrap interval (bounds may be +∞ for KL, never NaN).</summary>
public sealed record MetricSummary(double Mean, double Low, double High);
