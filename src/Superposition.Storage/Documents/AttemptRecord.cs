using Superposition.Storage.Layout;

namespace Superposition.Storage.Documents;

/// <summary>
/// The last failed attempt at a work item, or at planning when <paramref name="Item"/> is null (overwritten by each
/// attempt; read when the message is given up, to record how often it was tried and why it failed).
/// </summary>
public sealed record AttemptRecord(int Version, string Experiment, WorkItem? Item, long Attempt, string Error, DateTimeOffset At)
{
    public const int CurrentVersion = 1;
}
