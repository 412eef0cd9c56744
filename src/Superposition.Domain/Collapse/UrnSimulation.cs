namespace Superposition.Collapse;

/// <summary>The result of <see cref="UrnSimulator.Simulate"/>: the final counts of every run, and the turn-by-turn
/// answers (task index, −1 for other) of the first few runs when asked for.</summary>
public sealed record UrnSimulation(
    UrnModel Model,
    int Turns,
    int Seed,
    IReadOnlyList<RunOutcome> Runs,
    IReadOnlyList<IReadOnlyList<int>> Trajectories);
