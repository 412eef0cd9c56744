using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Failures;
using Superposition.Engine.Work;
using Superposition.Functions.Hosting;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Queues;

/// <summary>
/// Work queue: scores one work item and writes its result once (<see cref="WorkItemScorer"/>). A re-delivered
/// message whose result exists does not call the model. A failure is recorded as an attempt (with the host's
/// dequeue count) and thrown, so that the host retries and, at maxDequeueCount, moves the message to the poison
/// queue, where <see cref="RecordFailedWorkItem"/> records it.
/// </summary>
public sealed class ScoreWorkItem(WorkItemScorer worker, FailureRecorder failures)
{
    [Function(nameof(ScoreWorkItem))]
    public async Task RunAsync(
        [QueueTrigger($"%{Settings.WorkQueue}%", Connection = Settings.StorageConnection)] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        var item = QueueMessages.ReadWorkItem(message).Item;
        try
        {
            await worker.ScoreAsync(item, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failures.RecordAttemptAsync(item.Experiment, item, dequeueCount, e, cancellationToken);
            throw;
        }
    }
}
