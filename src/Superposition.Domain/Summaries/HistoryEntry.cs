using Superposition.Nightly;

namespace Superposition.Summaries;

/// <summary>
/// One point of an experiment's history: the headline numbers of one run's summary, stamped with the run. The
/// Functions app writes one per run (the experiment itself and each nightly re-run, at
/// <c>history/{date}.{run}.json</c>), rewriting it as the run's results arrive; reports plot KL over dates per model,
/// so that drift of a hosted model shows. A complete nightly re-run also carries its drift test
/// (<see cref="Drift"/>); a night the budget did not send carries the decision (<see cref="Budget"/>) and no headlines.
/// Version 1 documents (before drift and budget) read with both null.
/// </summary>
/// <param name="Date">When the run started (UTC).</param>
/// <param name="RunId">The run's id (the experiment itself, or a nightly re-run of it).</param>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Headlines">Per model and distribution: KL_raw, KL_norm and valid mass with intervals, and β (answer + "\n"), and the prefix-inclusive KL_raw.</param>
/// <param name="Results">Results aggregated.</param>
/// <param name="Expected">Work items of the run (0 when unknown).</param>
/// <param name="Complete">True when no item of the run is pending.</param>
/// <param name="Version">Document format version (2: drift and budget).</param>
/// <param name="Drift">The drift test of a complete nightly re-run against the previous and first runs; null when none was made.</param>
/// <param name="Budget">The nightly budget's decision when the run was not sent (over budget, or not planned); null otherwise.</param>
public sealed record HistoryEntry(
    DateTimeOffset Date,
    string RunId,
    string Experiment,
    IReadOnlyList<HistoryHeadline> Headlines,
    int Results = 0,
    int Expected = 0,
    bool Complete = true,
    int Version = HistoryEntry.CurrentVersion,
    HistoryDrift? Drift = null,
    NightlyBudgetDecision? Budget = null)
{
    public const int CurrentVersion = 2;

    /// <summary>True when the night's run was recorded instead of sent (over budget or not planned): no results will come.</summary>
    public bool Skipped => Budget is { WasStarted: false };

    /// <summary>The entry of a summary; <paramref name="date"/> defaults to the summary's <see cref="ExperimentSummary.GeneratedAt"/>.</summary>
    public static HistoryEntry FromSummary(string runId, ExperimentSummary summary, DateTimeOffset? date = null, int expected = 0, bool complete = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(summary);
        var headlines = summary.Models
            .SelectMany(m => m.Distributions.Select(d => new HistoryHeadline(
                m.Model,
                m.ParameterCount,
                d.Distribution,
                d.Terminated?.KlRaw,
                d.Terminated?.KlNormalized,
                d.Terminated?.ValidMass,
                d.Terminated?.KlOfMeanRaw,
                m.Exponent?.Beta,
                d.Prefix?.KlRaw)))
            .ToList();
        return new HistoryEntry((date ?? summary.GeneratedAt).ToUniversalTime(), runId, summary.Experiment, headlines, summary.Results, expected, complete);
    }
}
