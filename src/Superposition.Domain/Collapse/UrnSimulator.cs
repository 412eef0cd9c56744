using Superposition.Randomness;

namespace Superposition.Collapse;

/// <summary>Seeded simulation of many runs of an <see cref="UrnModel"/>.</summary>
public static class UrnSimulator
{
    /// <summary>
    /// Simulates <paramref name="runs"/> runs of <paramref name="turns"/> answers each from one Mersenne Twister
    /// stream, <c>Seeds.Create(seed, "collapse", "urn")</c>, so the same arguments give the same runs everywhere.
    /// </summary>
    /// <param name="model">The urn to draw from.</param>
    /// <param name="turns">Answers per run, T ≥ 0.</param>
    /// <param name="runs">Number of runs R ≥ 1.</param>
    /// <param name="seed">The experiment seed.</param>
    /// <param name="trajectories">How many of the first runs also keep their turn-by-turn answers; default 0.</param>
    public static UrnSimulation Simulate(UrnModel model, int turns, int runs, int seed, int trajectories = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(turns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        ArgumentOutOfRangeException.ThrowIfNegative(trajectories);
        var outcomes = SimulateRuns(model, Enumerable.Repeat(turns, runs).ToArray(), seed, trajectories, out var paths);
        return new UrnSimulation(model, turns, seed, outcomes, paths);
    }

    /// <summary>
    /// Simulates one run per entry of <paramref name="turnsPerRun"/>, with that many answers: used to predict
    /// experiments whose runs have different numbers of task answers. Stream
    /// <c>Seeds.Create(seed, "collapse", "urn")</c> as in <see cref="Simulate"/>.
    /// </summary>
    public static IReadOnlyList<RunOutcome> SimulateRuns(UrnModel model, IReadOnlyList<int> turnsPerRun, int seed) =>
        SimulateRuns(model, turnsPerRun, seed, 0, out _);

    private static RunOutcome[] SimulateRuns(
        UrnModel model, IReadOnlyList<int> turnsPerRun, int seed, int trajectories, out IReadOnlyList<IReadOnlyList<int>> paths)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(turnsPerRun);
        if (turnsPerRun.Count == 0)
        {
            throw new ArgumentException("At least one run is needed.", nameof(turnsPerRun));
        }

        if (turnsPerRun.Any(t => t < 0))
        {
            throw new ArgumentException("A run cannot have a negative number of turns.", nameof(turnsPerRun));
        }

        var random = Seeds.Create(seed, "collapse", "urn");
        var sampler = new UrnSampler(model);
        var counts = new int[model.Tasks];
        var outcomes = new RunOutcome[turnsPerRun.Count];
        var kept = new List<IReadOnlyList<int>>();
        for (var r = 0; r < outcomes.Length; r++)
        {
            var path = r < trajectories ? new int[turnsPerRun[r]] : [];
            var other = sampler.Run(random, turnsPerRun[r], counts, path);
            outcomes[r] = new RunOutcome(counts, other);
            if (r < trajectories)
            {
                kept.Add(path);
            }
        }

        paths = kept;
        return outcomes;
    }
}
