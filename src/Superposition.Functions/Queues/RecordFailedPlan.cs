using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Failures;
using Superposition.Functions.Hosting;

namespace Superposition.Functions.Queues;

/// <summary>Plan poison queue: records the experiment's plan failure (attempts, last error), which status shows.</summary>
public sealed class RecordFailedPlan(FailureRecorder failures)
{
    [Function(nameof(RecordFailedPlan))]
    public Task RunAsync(
        [QueueTrigger($"%{Settings.PlanQueue}%-poison", Connection = Settings.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return failures.RecordPoisonPlanAsync(message.MessageText, message.MessageId, cancellationToken);
    }
}
