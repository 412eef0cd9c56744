using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Superposition.Nightly;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;

namespace Superposition.Engine.Nightly;

/// <summary>
/// The drift test of a complete nightly re-run (<see cref="DriftTest"/>) against the previous complete run of its
/// history and the first run (the original experiment). Written once per run (create-once <c>drift.json</c>), so a
/// re-aggregation neither changes it nor logs again; one Warning event (<see cref="NightlyEvents.DriftDetected"/>)
/// per run with flags.
/// </summary>
public sealed partial class NightlyDrift(ExperimentStore store, IOptions<NightlyOptions> options, ILogger<NightlyDrift> logger)
{
    /// <summary>Flags summarised in the log event (all are in drift.json and the status).</summary>
    public const int FlagsLogged = 10;

    /// <summary>
    /// The run's drift report: the stored one when it exists, else the test of <paramref name="measures"/> against
    /// the baselines, stored and (when something is flagged) logged. <paramref name="run"/> must be a re-run (Parent set).
    /// </summary>
    public async Task<DriftReport> CheckAsync(ExperimentRecord run, RunMeasures measures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(measures);
        var owner = run.Parent ?? throw new ArgumentException($"Experiment '{run.Id}' is not a nightly re-run.", nameof(run));
        if (await store.GetDriftAsync(run.Id, cancellationToken) is { } stored)
        {
            return stored;
        }

        var report = DriftTest.Run(owner, measures, await BaselinesAsync(run, owner, cancellationToken), options.Value.DriftAlpha);
        if (!await store.TryCreateDriftAsync(run.Id, report, cancellationToken))
        {
            // Another aggregation wrote it first (and logged it).
            return await store.GetDriftAsync(run.Id, cancellationToken) ?? report;
        }

        var flags = report.Flags;
        if (flags.Count > 0)
        {
            LogDrift(logger, run.Id, owner, flags.Count, report.Comparisons, string.Join("; ", flags.Take(FlagsLogged).Select(Describe)));
        }

        return report;
    }

    /// <summary>
    /// The previous complete run before this one (by date) when it is not the original, then the original when
    /// complete. When the previous run is the original (the first night), it is compared once, as "first".
    /// </summary>
    private async Task<IReadOnlyList<DriftBaseline>> BaselinesAsync(ExperimentRecord run, string owner, CancellationToken cancellationToken)
    {
        var history = new List<Summaries.HistoryEntry>();
        await foreach (var entry in store.ReadHistoryAsync(owner, cancellationToken))
        {
            history.Add(entry);
        }

        var complete = history.Where(e => e.Complete && !e.Skipped && e.Headlines.Count > 0 && e.RunId != run.Id).ToList();
        var previous = complete.Where(e => e.Date < run.CreatedAt && e.RunId != owner)
            .OrderBy(e => e.Date).ThenBy(e => e.RunId, StringComparer.Ordinal).LastOrDefault();
        var baselines = new List<DriftBaseline>();
        if (previous is not null && await MeasuresAsync(previous.RunId, cancellationToken) is { } before)
        {
            baselines.Add(new DriftBaseline(DriftBaseline.Previous, before));
        }

        if (complete.Any(e => e.RunId == owner) && await MeasuresAsync(owner, cancellationToken) is { } first)
        {
            baselines.Add(new DriftBaseline(DriftBaseline.First, first));
        }

        return baselines;
    }

    /// <summary>A complete run's stored measures; built from its results (and stored) when it has none, e.g. aggregated before measures were stored.</summary>
    private async Task<RunMeasures?> MeasuresAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetMeasuresAsync(id, cancellationToken) is { } stored)
        {
            return stored;
        }

        var builder = new RunMeasures.Builder(id);
        await foreach (var result in store.ReadResultsAsync(id, 32, cancellationToken))
        {
            builder.Add(result);
        }

        var measures = builder.Build();
        if (measures.Groups.Count == 0)
        {
            return null;
        }

        await store.WriteMeasuresAsync(id, measures, cancellationToken);
        return measures;
    }

    private static string Describe(DriftComparison flag) => FormattableString.Invariant(
        $"{flag.Model}/{flag.Distribution} {flag.Measure} vs {flag.Baseline} {flag.BaselineRun}: {flag.Difference:+0.####;-0.####} [{flag.Low:0.####}, {flag.High:0.####}]");

    [LoggerMessage(EventId = NightlyEvents.DriftDetectedId, EventName = NightlyEvents.DriftDetected, Level = LogLevel.Warning,
        Message = "Nightly drift: run {Run} of experiment {Experiment} has {FlagCount} of {Comparisons} comparisons flagged: {Flags}")]
    private static partial void LogDrift(ILogger logger, string run, string experiment, int flagCount, int comparisons, string flags);
}
