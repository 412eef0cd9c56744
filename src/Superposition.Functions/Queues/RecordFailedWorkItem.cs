using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Failures;
using Superposition.Functions.Hosting;

namespace Superposition.Functions.Queues;

/// <summary>Work poison queue: records the failed item (attempts, last error) under its experiment, which status counts.</summary>
public sealed class RecordFailedWorkItem(FailureRecorder failures)
{
    [Function(nameof(RecordFailedWorkItem))]
    public Task RunAsync(
        [QueueTrigger($"%{Settings.WorkQueue}%-poison", Connection = Settings.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return failures.RecordPoisonWorkItemAsync(message.MessageText, message.MessageId, cancellationToken);
    }
}
