using Superposition.Storage.Layout;

namespace Superposition.Storage.Documents;

/// <summary>The last failed attempt at a work item (overwritten by each attempt; read when the item is given up).</summary>
public sealed record AttemptRecord(int Version, WorkItem Item, long Attempt, string Error, DateTimeOffset At)
{
    public const int CurrentVersion = 1;
}
