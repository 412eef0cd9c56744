namespace Superposition.Summaries;

/// <summary>
/// One model under one measure across its distributions: the equal-weight mean over the distributions (D1–D3) of
/// each per-distribution mean, with a stratified bootstrap interval (<see cref="Statistics.StratifiedMean"/>: replicate
/// b of every distribution's prompts, averaged). One number per model for a table of models against size, where the
/// paper's Fig. 6 plots one series per distribution; each distribution weighs the same whatever its prompts.
/// </summary>
/// <param name="Distributions">Distributions averaged: those with this measure.</param>
/// <param name="Prompts">Their prompts with this measure, in all.</param>
/// <param name="KlRaw">Mean over distributions of the mean per-prompt KL_raw, with its interval.</param>
/// <param name="KlNormalized">The same of KL_norm.</param>
/// <param name="ValidMass">The same of the valid mass.</param>
/// <param name="PolyaKlRaw">The same of the KL_raw to the Pólya predictive; null without a Pólya comparison.</param>
/// <param name="PolyaKlNormalized">The same of the KL_norm to the Pólya predictive; null likewise.</param>
public sealed record AcrossDistributions(
    int Distributions,
    int Prompts,
    MetricSummary KlRaw,
    MetricSummary KlNormalized,
    MetricSummary ValidMass,
    MetricSummary? PolyaKlRaw = null,
    MetricSummary? PolyaKlNormalized = null);
