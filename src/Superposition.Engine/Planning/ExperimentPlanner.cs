using Microsoft.Extensions.Logging;
using Superposition.Storage.Experiments;
using Superposition.Storage.Messages;

namespace Superposition.Engine.Planning;

/// <summary>
/// Expands an experiment into work item messages, in batches. A batch is checkpointed once all its messages are
/// enqueued, so a re-delivered plan message enqueues nothing already enqueued (after a crash mid-batch, that one
/// batch may be sent again; the worker's create-once results make that harmless).
/// </summary>
public sealed partial class ExperimentPlanner(ExperimentStore store, ExperimentQueues queues, ILogger<ExperimentPlanner> logger)
{
    /// <summary>Messages sent at once, and checkpointed together. Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Plans the experiment of <paramref name="message"/>; returns how many work items were enqueued now.</summary>
    public async Task<int> PlanAsync(PlanMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.Experiment;
        if (!ExperimentIds.IsValid(id))
        {
            throw new InvalidOperationException($"Plan message names '{id}', which is not an experiment id.");
        }

        var spec = await store.GetSpecAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"Experiment {id} has no stored spec.");
        var enqueued = 0;
        var batch = 0;
        foreach (var items in WorkPlan.Expand(id, spec).Chunk(BatchSize))
        {
            if (!await store.PlanBatchDoneAsync(id, batch, cancellationToken))
            {
                await Task.WhenAll(items.Select(item => queues.SendAsync(WorkItemMessage.For(item), cancellationToken)));
                await store.MarkPlanBatchDoneAsync(id, batch, items.Length, cancellationToken);
                enqueued += items.Length;
            }

            batch++;
        }

        LogPlanned(logger, id, enqueued, WorkPlan.Count(spec));
        return enqueued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned experiment {Experiment}: {Enqueued} of {Items} work items enqueued now")]
    private static partial void LogPlanned(ILogger logger, string experiment, int enqueued, int items);
}
