using Microsoft.Extensions.Logging;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;
using Superposition.Storage.Layout;
using Superposition.Storage.Messages;

namespace Superposition.Engine.Failures;

/// <summary>
/// Keeps the trail of failing messages: each failed attempt is written (<see cref="RecordAttemptAsync"/>) before the
/// exception goes back to the host to retry; when the host gives up and moves the message to the poison queue,
/// <see cref="RecordPoisonAsync"/> writes the failure document (item, attempts, last error) under the experiment,
/// where status shows it. A message that names no experiment goes to <c>unreadable/</c> and the error log.
/// Nothing is dropped silently.
/// </summary>
public sealed partial class FailureRecorder(ExperimentStore store, TimeProvider time, ILogger<FailureRecorder> logger)
{
    private const int MaxErrorLength = 4000;

    /// <summary>Describes an exception for a stored document: type and message, shortened.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = exception.GetType().Name + ": " + exception.Message;
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";
    }

    /// <summary>Writes a failed attempt at an item (or at planning, when <paramref name="item"/> is null).</summary>
    public async Task RecordAttemptAsync(string experiment, WorkItem? item, long attempt, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        LogAttemptFailed(logger, exception, experiment, item?.ToString() ?? "plan", attempt);
        if (ExperimentIds.IsValid(experiment))
        {
            await store.WriteAttemptAsync(new AttemptRecord(AttemptRecord.CurrentVersion, experiment, item, attempt, Describe(exception), time.GetUtcNow()), cancellationToken);
        }
    }

    /// <summary>Records an item given up at once (the CLI, whose scorer has done its retries); false when already recorded.</summary>
    public async Task<bool> RecordFailureAsync(WorkItem item, long attempts, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(exception);
        var failure = new FailureRecord(FailureRecord.CurrentVersion, item, attempts, Describe(exception), time.GetUtcNow(), "");
        var created = await store.TryCreateFailureAsync(item.Experiment, failure, cancellationToken);
        if (created)
        {
            LogGivenUp(logger, item.Experiment, item.ToString(), attempts, failure.LastError);
        }

        return created;
    }

    /// <summary>Records a work item message the host gave up on.</summary>
    public Task RecordPoisonWorkItemAsync(string message, string messageId, CancellationToken cancellationToken) =>
        RecordPoisonAsync(message, messageId, isPlan: false, cancellationToken);

    /// <summary>Records a plan message the host gave up on.</summary>
    public Task RecordPoisonPlanAsync(string message, string messageId, CancellationToken cancellationToken) =>
        RecordPoisonAsync(message, messageId, isPlan: true, cancellationToken);

    private async Task RecordPoisonAsync(string message, string messageId, bool isPlan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        string experiment;
        WorkItem? item = null;
        try
        {
            if (isPlan)
            {
                experiment = QueueMessages.ReadPlan(message).Experiment;
            }
            else
            {
                item = QueueMessages.ReadWorkItem(message).Item;
                experiment = item.Experiment;
            }
        }
        catch (FormatException e)
        {
            await RecordUnreadableAsync(message, messageId, e.Message, cancellationToken);
            return;
        }

        if (!ExperimentIds.IsValid(experiment) || await store.GetRecordAsync(experiment, cancellationToken) is null)
        {
            await RecordUnreadableAsync(message, messageId, $"experiment '{experiment}' does not exist", cancellationToken);
            return;
        }

        if (item is not null && await store.ResultExistsAsync(item, cancellationToken))
        {
            // A duplicate of a message that did succeed: the item is done, not failed.
            LogPoisonAfterResult(logger, item.ToString());
            return;
        }

        var attempt = await store.GetAttemptAsync(experiment, item, cancellationToken);
        var failure = new FailureRecord(
            FailureRecord.CurrentVersion,
            item,
            attempt?.Attempt ?? 0,
            attempt?.Error ?? "no attempt was recorded (the function may have timed out or its process ended)",
            time.GetUtcNow(),
            message);
        if (await store.TryCreateFailureAsync(experiment, failure, cancellationToken))
        {
            LogGivenUp(logger, experiment, item?.ToString() ?? "plan", failure.Attempts, failure.LastError);
        }
    }

    private async Task RecordUnreadableAsync(string message, string messageId, string problem, CancellationToken cancellationToken)
    {
        LogUnreadable(logger, messageId, problem);
        var failure = new FailureRecord(FailureRecord.CurrentVersion, null, 0, problem, time.GetUtcNow(), message);
        await store.WriteUnreadableAsync(string.IsNullOrEmpty(messageId) ? Guid.NewGuid().ToString("N") : messageId, failure, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} at {Item} of experiment {Experiment} failed")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string experiment, string item, long attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up {Item} of experiment {Experiment} after {Attempts} attempts: {Error}")]
    private static partial void LogGivenUp(ILogger logger, string experiment, string item, long attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poison message for {Item} ignored: its result exists")]
    private static partial void LogPoisonAfterResult(ILogger logger, string item);

    [LoggerMessage(Level = LogLevel.Error, Message = "Poison message {MessageId} names no experiment: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string messageId, string problem);
}
