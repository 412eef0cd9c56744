using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Failures;
using Superposition.Engine.Work;
using Superposition.Functions.Hosting;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Queues;

/// <summary>
/// Work queue: scores one work item and writes its result once (<see cref="WorkItemScorer"/>). A re-delivered
/// message whose result exists does not call the model. A failure is recorded as an attempt (the message's
/// <see cref="QueueMessage.DequeueCount"/>) and thrown, so that the host retries and, at maxDequeueCount, moves the
/// message to the poison queue, where <see cref="RecordFailedWorkItem"/> records it.
/// </summary>
/// <remarks>
/// The trigger binds <see cref="QueueMessage"/>, which the queue extension documents for the isolated worker and
/// which carries the dequeue count itself; a separate <c>long dequeueCount</c> parameter would rely on an
/// undocumented conversion of binding data. The host has already decoded the base64 body (host.json).
/// </remarks>
public sealed class ScoreWorkItem(WorkItemScorer worker, FailureRecorder failures)
{
    [Function(nameof(ScoreWorkItem))]
    public async Task RunAsync(
        [QueueTrigger($"%{Settings.WorkQueue}%", Connection = Settings.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var item = QueueMessages.ReadWorkItem(message.MessageText).Item;
        try
        {
            await worker.ScoreAsync(item, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failures.RecordAttemptAsync(item.Experiment, item, message.DequeueCount, e, cancellationToken);
            throw;
        }
    }
}
