using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Failures;
using Superposition.Engine.Planning;
using Superposition.Functions.Hosting;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Queues;

/// <summary>
/// Plan queue: expands an experiment into work item messages (<see cref="ExperimentPlanner"/>; idempotent). A
/// failure is recorded as an attempt (the message's <see cref="QueueMessage.DequeueCount"/>) and thrown, so that the
/// host retries and, at its limit, poisons the message. Binds <see cref="QueueMessage"/> as <see cref="ScoreWorkItem"/> does.
/// </summary>
public sealed class PlanExperiment(ExperimentPlanner planner, FailureRecorder failures)
{
    [Function(nameof(PlanExperiment))]
    public async Task RunAsync(
        [QueueTrigger($"%{Settings.PlanQueue}%", Connection = Settings.StorageConnection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var plan = QueueMessages.ReadPlan(message.MessageText);
        try
        {
            await planner.PlanAsync(plan, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failures.RecordAttemptAsync(plan.Experiment, null, message.DequeueCount, e, cancellationToken);
            throw;
        }
    }
}
