namespace Superposition.Collapse;

/// <summary>
/// What a report needs to draw a multi-turn (collapse) experiment of one model: the runs' final counts, a few
/// turn-by-turn trajectories, and optionally runs simulated from the beta-urn fitted on the same model's
/// calibration experiments. The collapse experiment kind fills it from its run documents; reports compare it
/// with the calibrated urn's exact Beta-binomial / Dirichlet-multinomial prediction for the same initial counts.
/// </summary>
/// <param name="Model">Model name.</param>
/// <param name="Tasks">Task ids, in spec order; every per-task list follows it.</param>
/// <param name="InitialCounts">In-context examples per task that every run started from (a_i &gt; 0).</param>
/// <param name="Turns">Answers generated per run (task and other answers together).</param>
/// <param name="Runs">Final counts of the observed runs (generated answers only, initial examples excluded).</param>
/// <param name="Trajectories">A few observed runs turn by turn: the task index each answer joined, −1 for an
/// answer that joined no task (the encoding of <see cref="UrnSimulation.Trajectories"/>). May be empty.</param>
/// <param name="BetaUrnRuns">Runs simulated from the fitted beta-urn, e.g. <c>UrnSimulator.SimulateRuns(betaUrn,
/// runs' task-answer totals, seed)</c>; null when no fit exists.</param>
/// <param name="BetaUrnBeta">The β of that urn, for legends; null when no fit exists.</param>
/// <param name="PolyaAlpha">The α of the spec's Pólya comparison, whose calibrated urn starts at the initial counts
/// plus α (<see cref="CalibratedUrnStart"/>); null without one.</param>
public sealed record CollapseReportData(
    string Model,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<double> InitialCounts,
    int Turns,
    IReadOnlyList<RunOutcome> Runs,
    IReadOnlyList<IReadOnlyList<int>> Trajectories,
    IReadOnlyList<RunOutcome>? BetaUrnRuns = null,
    double? BetaUrnBeta = null,
    double? PolyaAlpha = null)
{
    /// <summary>Where the calibrated urn starts: <see cref="InitialCounts"/>, plus α with a Pólya comparison.</summary>
    public IReadOnlyList<double> UrnInitialCounts => CalibratedUrnStart.Of(InitialCounts, PolyaAlpha);

    /// <summary>
    /// The task whose share is plotted: task 0 for two tasks; for more, the task with the most initial examples
    /// (the first on ties), whose share is Beta-binomial(T, a_i, A − a_i) under the calibrated urn.
    /// </summary>
    public int TrackedTask
    {
        get
        {
            var best = 0;
            for (var i = 1; i < InitialCounts.Count; i++)
            {
                best = InitialCounts[i] > InitialCounts[best] ? i : best;
            }

            return best;
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first inconsistency.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Model);
        ArgumentNullException.ThrowIfNull(Tasks);
        ArgumentNullException.ThrowIfNull(InitialCounts);
        ArgumentNullException.ThrowIfNull(Runs);
        ArgumentNullException.ThrowIfNull(Trajectories);
        var k = Tasks.Count;
        if (k < 2)
        {
            throw new ArgumentException($"A collapse report needs at least two tasks, not {k}.", nameof(Tasks));
        }

        CollapseArguments.InitialCounts(InitialCounts, nameof(InitialCounts), minimumTasks: 2);
        CollapseArguments.SameTaskCount(InitialCounts.Count, k, nameof(InitialCounts));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Turns);
        CollapseStatistics.CheckRuns(Runs, nameof(Runs));
        CollapseArguments.SameTaskCount(Runs[0].TaskCounts.Count, k, nameof(Runs));
        if (BetaUrnRuns is not null)
        {
            CollapseStatistics.CheckRuns(BetaUrnRuns, nameof(BetaUrnRuns));
            CollapseArguments.SameTaskCount(BetaUrnRuns[0].TaskCounts.Count, k, nameof(BetaUrnRuns));
        }

        for (var r = 0; r < Trajectories.Count; r++)
        {
            foreach (var answer in Trajectories[r])
            {
                if (answer < -1 || answer >= k)
                {
                    throw new ArgumentException($"Trajectory {r} has answer class {answer}: classes are task indices 0..{k - 1} or −1 for other.", nameof(Trajectories));
                }
            }
        }
    }
}
