namespace Superposition.Storage.Messages;

/// <summary>Queue message asking the planner to expand experiment <paramref name="Experiment"/> (its id) into work items.</summary>
public sealed record PlanMessage(int Version, string Experiment)
{
    public const int CurrentVersion = 1;

    public static PlanMessage For(string experiment) => new(CurrentVersion, experiment);
}
