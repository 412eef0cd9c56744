using Azure.Storage.Queues;

namespace Superposition.Storage.Messages;

/// <summary>The plan and work queues, written with the host's base64 encoding (created on first send).</summary>
public sealed class ExperimentQueues(QueueClient plan, QueueClient work)
{
    private volatile bool _created;

    public QueueClient Plan { get; } = plan ?? throw new ArgumentNullException(nameof(plan));

    public QueueClient Work { get; } = work ?? throw new ArgumentNullException(nameof(work));

    /// <summary>
    /// Queues named <paramref name="planQueue"/> and <paramref name="workQueue"/> of a queue service, which must have been
    /// built with <see cref="QueueMessages.ClientOptions"/> (base64), as the Functions app and the tests do.
    /// </summary>
    public static ExperimentQueues Create(QueueServiceClient service, string planQueue, string workQueue)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new ExperimentQueues(service.GetQueueClient(planQueue), service.GetQueueClient(workQueue));
    }

    /// <summary>Queues of the storage account of <paramref name="connectionString"/>, with base64 encoding.</summary>
    public static ExperimentQueues Create(string connectionString, string planQueue, string workQueue) =>
        new(new QueueClient(connectionString, planQueue, QueueMessages.ClientOptions()), new QueueClient(connectionString, workQueue, QueueMessages.ClientOptions()));

    public async Task SendAsync(PlanMessage message, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await Plan.SendMessageAsync(QueueMessages.Serialize(message), cancellationToken);
    }

    public async Task SendAsync(WorkItemMessage message, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await Work.SendMessageAsync(QueueMessages.Serialize(message), cancellationToken);
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await Plan.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await Work.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }
    }
}
