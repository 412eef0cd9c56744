using Microsoft.Extensions.Logging;
using Superposition.Engine.Validation;
using Superposition.Specs;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;
using Superposition.Storage.Messages;

namespace Superposition.Engine.Planning;

/// <summary>
/// Starts experiments on the queues: stores the spec and record, then enqueues the plan message. Used by
/// POST /api/experiments and by the nightly re-evaluation.
/// </summary>
public sealed partial class ExperimentLauncher(ExperimentStore store, ExperimentQueues queues, ExperimentValidator validator, TimeProvider time, ILogger<ExperimentLauncher> logger)
{
    /// <summary>
    /// Stores a validated spec as a new experiment and enqueues its plan; returns its record. A spec the engine's checks
    /// refuse (<see cref="ExperimentValidator"/>) throws a <see cref="SpecValidationException"/> before anything is stored.
    /// </summary>
    public async Task<ExperimentRecord> StartAsync(ExperimentSpec spec, bool nightly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        validator.EnsureValid(spec);
        var now = time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var record = new ExperimentRecord(ExperimentRecord.CurrentVersion, ExperimentIds.New(spec.Name, now), spec.Name, now, nightly, null);
            if (await store.CreateAsync(record, spec, cancellationToken))
            {
                await queues.SendAsync(PlanMessage.For(record.Id), cancellationToken);
                LogStarted(logger, record.Id, WorkPlan.Count(spec));
                return record;
            }

            // Two experiments of one name in one second drew the same suffix: draw again.
            if (attempt >= 5)
            {
                throw new InvalidOperationException($"Could not find a free experiment id for '{spec.Name}'.");
            }
        }
    }

    /// <summary>
    /// Starts the nightly re-run of every experiment marked nightly (not re-runs themselves), as new experiments
    /// whose parent is the original. Ids derive from the UTC date, so a timer that fires twice in a day starts each
    /// re-run once. Returns the ids started.
    /// </summary>
    public async Task<IReadOnlyList<string>> StartNightlyAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var started = new List<string>();
        await foreach (var id in store.ListIdsAsync(cancellationToken))
        {
            var record = await store.GetRecordAsync(id, cancellationToken);
            if (record is not { Nightly: true, Parent: null } || await store.GetSpecAsync(id, cancellationToken) is not { } spec)
            {
                continue;
            }

            var run = new ExperimentRecord(ExperimentRecord.CurrentVersion, ExperimentIds.Nightly(record.Name, id, today), record.Name, time.GetUtcNow(), false, id);
            if (await store.CreateAsync(run, spec, cancellationToken))
            {
                await queues.SendAsync(PlanMessage.For(run.Id), cancellationToken);
                LogNightly(logger, run.Id, id);
                started.Add(run.Id);
            }
        }

        return started;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started experiment {Experiment} with {Items} work items")]
    private static partial void LogStarted(ILogger logger, string experiment, int items);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started nightly run {Run} of experiment {Experiment}")]
    private static partial void LogNightly(ILogger logger, string run, string experiment);
}
