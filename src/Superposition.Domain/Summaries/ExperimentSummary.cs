namespace Superposition.Summaries;

/// <summary>
/// The aggregate of an experiment's results: what the timer function writes, the CLI prints and reports plot.
/// </summary>
/// <param name="Version">Document format version.</param>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Tasks">Task ids, in spec order; every per-task list follows it.</param>
/// <param name="Results">Result documents aggregated.</param>
/// <param name="GeneratedAt">When the summary was built (UTC).</param>
/// <param name="Models">Per-model calibration summaries, ordered by parameter count (unknown last), then name.</param>
/// <param name="Collapse">Per-model multi-turn summaries (collapse experiments), in the same order; null otherwise.</param>
public sealed record ExperimentSummary(
    int Version,
    string Experiment,
    IReadOnlyList<string> Tasks,
    int Results,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ModelSummary> Models,
    IReadOnlyList<CollapseModelSummary>? Collapse = null)
{
    public const int CurrentVersion = 2;

    /// <summary>The α of the spec's Pólya comparison, as the summary records it; null when it has none.</summary>
    public double? PolyaAlpha() =>
        Models.SelectMany(m => m.Distributions).Select(d => (d.Terminated ?? d.Prefix)?.Polya?.Alpha).FirstOrDefault(a => a is not null)
        ?? Collapse?.Select(m => m.PolyaAlpha).FirstOrDefault(a => a is not null);
}
