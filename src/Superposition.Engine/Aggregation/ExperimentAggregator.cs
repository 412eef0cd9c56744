using Microsoft.Extensions.Logging;
using Superposition.Engine.Nightly;
using Superposition.Engine.Planning;
using Superposition.Nightly;
using Superposition.Specs;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;
using Superposition.Storage.Layout;
using Superposition.Summaries;

namespace Superposition.Engine.Aggregation;

/// <summary>
/// Aggregates stored results into the summary document. Results are streamed in path order into a
/// <see cref="SummaryBuilder"/>, whose memory does not grow with their number. An experiment is due when its change
/// marker (touched after each result) differs from what its last aggregation saw. A nightly re-run, and a nightly
/// experiment's own first run, also write their headline numbers to the history of the original, and their
/// per-prompt measures beside their summary (a few numbers per prompt: the one part of aggregation whose memory grows
/// with the results, and only for those runs); a complete re-run is then tested for drift (<see cref="Drift"/>).
/// </summary>
public sealed partial class ExperimentAggregator(ExperimentStore store, TimeProvider time, ILogger<ExperimentAggregator> logger)
{
    /// <summary>Result documents downloaded ahead while aggregating. Default 32.</summary>
    public int Prefetch { get; init; } = 32;

    /// <summary>Parameters of a model (orders models in the summary); null when unknown. Default: none known.</summary>
    public Func<string, double?>? ParameterCount { get; init; }

    /// <summary>
    /// Renders the report page of a summary; when set, every aggregation stores it as report.html (served by
    /// GET /api/experiments/{id}/report). Hosts set it to the Reports project's renderer, which keeps this engine free
    /// of plotting. Default: no report.
    /// </summary>
    public Func<ExperimentSummary, string>? RenderReport { get; init; }

    /// <summary>
    /// The drift test of complete nightly re-runs, whose flags go into the history entry; null (the CLI, which has no
    /// nightly runs) tests nothing.
    /// </summary>
    public NightlyDrift? Drift { get; init; }

    /// <summary>Aggregates every experiment with results newer than its summary; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> AggregateChangedAsync(CancellationToken cancellationToken)
    {
        var aggregated = new List<string>();
        await foreach (var id in store.ListIdsAsync(cancellationToken))
        {
            if (await IsDueAsync(id, cancellationToken))
            {
                await AggregateAsync(id, cancellationToken);
                aggregated.Add(id);
            }
        }

        return aggregated;
    }

    /// <summary>True when results arrived after the last aggregation.</summary>
    public async Task<bool> IsDueAsync(string id, CancellationToken cancellationToken)
    {
        var changed = await store.GetChangedAsync(id, cancellationToken);
        if (changed is null)
        {
            return false;
        }

        var mark = await store.GetAggregationMarkAsync(id, cancellationToken);
        return mark is null || mark.ChangedTag != changed.ETag;
    }

    /// <summary>Aggregates one experiment now and writes its summary (and history entry); null when it does not exist.</summary>
    public async Task<ExperimentSummary?> AggregateAsync(string id, CancellationToken cancellationToken)
    {
        // Read the marker first: a result written while we read is then seen as a change next time.
        var changed = await store.GetChangedAsync(id, cancellationToken);
        var record = await store.GetRecordAsync(id, cancellationToken);
        var spec = await store.GetSpecAsync(id, cancellationToken);
        if (record is null || spec is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var owner = record.Parent ?? (record.Nightly ? record.Id : null);

        // Per-prompt measures only for runs of a nightly history: the drift test's samples.
        var measures = spec.Collapse is null && owner is not null ? new RunMeasures.Builder(id) : null;
        var summary = spec.Collapse is null
            ? await SummarizeCalibrationAsync(id, spec, now, measures, cancellationToken)
            : await SummarizeCollapseAsync(id, spec, now, cancellationToken);
        await store.WriteSummaryAsync(id, summary, cancellationToken);
        if (RenderReport is { } render)
        {
            await store.WriteReportAsync(id, render(summary), cancellationToken);
        }

        await store.WriteAggregationMarkAsync(id, new AggregationMark(AggregationMark.CurrentVersion, changed?.ETag ?? "", summary.Results, now), cancellationToken);
        LogAggregated(logger, id, summary.Results);

        if (owner is not null)
        {
            var failed = 0;
            await foreach (var blob in store.Store.ListAsync(BlobLayout.Failures(id), cancellationToken))
            {
                failed += BlobLayout.ParseItem(blob.Path) is null ? 0 : 1;
            }

            var entry = History(record, spec, summary, failed);
            if (measures?.Build() is { } runMeasures)
            {
                await store.WriteMeasuresAsync(id, runMeasures, cancellationToken);
                if (entry.Complete && record.Parent is not null && Drift is { } drift)
                {
                    entry = entry with { Drift = (await drift.CheckAsync(record, runMeasures, cancellationToken)).ToHistory() };
                }
            }

            await store.WriteHistoryAsync(owner, entry, cancellationToken);
        }

        return summary;
    }

    private async Task<ExperimentSummary> SummarizeCalibrationAsync(string id, ExperimentSpec spec, DateTimeOffset now, RunMeasures.Builder? measures, CancellationToken cancellationToken)
    {
        var builder = new SummaryBuilder(spec);
        await foreach (var result in store.ReadResultsAsync(id, Prefetch, cancellationToken))
        {
            builder.Add(result);
            measures?.Add(result);
        }

        return builder.Build(now, ParameterCount);
    }

    /// <summary>
    /// Collapse runs beside the urns; the beta-urn takes each model's exponent from the newest summary of the
    /// calibration experiment the spec names (none when it has not been aggregated yet), its biases by task id. A
    /// fit that cannot be used (e.g. the calibration experiment has other tasks) is kept in the summary as the
    /// model's beta-urn problem and logged as a warning, so the rest of the summary is still written.
    /// </summary>
    private async Task<ExperimentSummary> SummarizeCollapseAsync(string id, ExperimentSpec spec, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var builder = new CollapseSummaryBuilder(spec);
        await foreach (var run in store.ReadRunResultsAsync(id, Prefetch, cancellationToken))
        {
            builder.Add(run);
        }

        var calibration = spec.Collapse!.Calibration is { } name ? await store.FindLatestSummaryAsync(name, cancellationToken) : null;
        var summary = builder.Build(now, ParameterCount, model => calibration is null ? null : FittedCalibration.Of(calibration, model));
        foreach (var model in summary.Collapse!)
        {
            if (model.BetaUrnProblem is { } problem)
            {
                LogNoBetaUrn(logger, id, model.Model, problem);
            }
        }

        return summary;
    }

    private static HistoryEntry History(ExperimentRecord record, ExperimentSpec spec, ExperimentSummary summary, int failed)
    {
        var expected = WorkPlan.Count(spec);
        return HistoryEntry.FromSummary(record.Id, summary, record.CreatedAt, expected, summary.Results + failed >= expected);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Aggregated experiment {Experiment}: {Results} results")]
    private static partial void LogAggregated(ILogger logger, string experiment, int results);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collapse experiment {Experiment}: no beta-urn prediction for model {Model}: {Problem}")]
    private static partial void LogNoBetaUrn(ILogger logger, string experiment, string model, string problem);
}
