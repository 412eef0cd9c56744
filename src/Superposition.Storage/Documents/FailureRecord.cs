using Superposition.Storage.Layout;

namespace Superposition.Storage.Documents;

/// <summary>
/// A work item given up after its last attempt, where status shows it
/// (<c>experiments/{id}/failures/{model}/{distribution}/{prompt}.json</c>).
/// </summary>
/// <param name="Version">Document format version.</param>
/// <param name="Item">The item; null for a plan message (<c>failures/plan.json</c>).</param>
/// <param name="Attempts">Attempts made (the host's dequeue count at the last one).</param>
/// <param name="LastError">The last attempt's error: exception type and message.</param>
/// <param name="FailedAt">When the item was given up (UTC).</param>
/// <param name="Message">The queue message as received.</param>
public sealed record FailureRecord(int Version, WorkItem? Item, long Attempts, string LastError, DateTimeOffset FailedAt, string Message)
{
    public const int CurrentVersion = 1;
}
