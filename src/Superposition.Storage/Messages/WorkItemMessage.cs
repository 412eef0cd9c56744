using Superposition.Storage.Layout;

namespace Superposition.Storage.Messages;

/// <summary>Queue message asking a worker to score one work item.</summary>
public sealed record WorkItemMessage(int Version, string Experiment, string Model, string Distribution, int Prompt)
{
    public const int CurrentVersion = 1;

    public WorkItem Item => new(Experiment, Model, Distribution, Prompt);

    public static WorkItemMessage For(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(CurrentVersion, item.Experiment, item.Model, item.Distribution, item.Prompt);
    }
}
