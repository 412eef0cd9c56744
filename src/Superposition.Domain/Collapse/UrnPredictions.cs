namespace Superposition.Collapse;

/// <summary>What an urn predicts for the <see cref="UrnStatistics"/> of runs.</summary>
public static class UrnPredictions
{
    /// <summary>
    /// Exact predictions of the calibrated (linear) urn after T ≥ 1 answers, for any number of tasks: mean shares
    /// a_i/A, collapse probability and expected entropy from the Beta-binomial marginals
    /// (<see cref="DirichletMultinomial.CollapseProbability"/>, <see cref="DirichletMultinomial.ExpectedEntropy"/>).
    /// </summary>
    public static UrnStatistics Exact(IReadOnlyList<double> initial, int turns) =>
        new(
            DirichletMultinomial.MeanShares(initial),
            DirichletMultinomial.CollapseProbability(initial, turns),
            DirichletMultinomial.ExpectedEntropy(initial, turns));

    /// <summary>
    /// Exact predictions of the calibrated urn for runs with these numbers of task answers (runs with 0 are
    /// skipped, as in <see cref="CollapseStatistics"/>): the average over runs of <see cref="Exact"/> at each
    /// run's own total. Conditioning on the totals is what makes the prediction comparable with observed runs
    /// whose "other" answers shortened them.
    /// </summary>
    public static UrnStatistics ExactForTotals(IReadOnlyList<double> initial, IReadOnlyList<int> taskAnswersPerRun)
    {
        ArgumentNullException.ThrowIfNull(taskAnswersPerRun);
        var groups = taskAnswersPerRun.Where(t => t > 0).GroupBy(t => t).ToArray();
        var n = groups.Sum(g => g.Count());
        if (n == 0)
        {
            throw new ArgumentException("No run has a task answer.", nameof(taskAnswersPerRun));
        }

        var collapse = 0.0;
        var entropy = 0.0;
        foreach (var g in groups)
        {
            var weight = (double)g.Count() / n;
            collapse += weight * DirichletMultinomial.CollapseProbability(initial, g.Key);
            entropy += weight * DirichletMultinomial.ExpectedEntropy(initial, g.Key);
        }

        return new UrnStatistics(DirichletMultinomial.MeanShares(initial), collapse, entropy);
    }

    /// <summary>Simulated statistics of <paramref name="runs"/> runs of T answers of <paramref name="model"/>.</summary>
    public static CollapseSummary Simulated(UrnModel model, int turns, int runs, int seed) =>
        CollapseStatistics.Summarize(UrnSimulator.Simulate(model, turns, runs, seed).Runs);

    /// <summary>
    /// Simulated statistics of <paramref name="model"/> for runs with these numbers of task answers:
    /// <paramref name="simulationsPerRun"/> (default 10) simulated runs per observed run at its total, with the
    /// model's other rate set to 0 because the totals already account for the "other" answers.
    /// </summary>
    public static UrnStatistics SimulatedForTotals(
        UrnModel model, IReadOnlyList<int> taskAnswersPerRun, int seed, int simulationsPerRun = 10) =>
        CollapseStatistics.Summarize(SimulatedRunsForTotals(model, taskAnswersPerRun, seed, simulationsPerRun)).Statistics;

    /// <summary>The simulated runs behind <see cref="SimulatedForTotals"/> (for plots that show them).</summary>
    public static IReadOnlyList<RunOutcome> SimulatedRunsForTotals(
        UrnModel model, IReadOnlyList<int> taskAnswersPerRun, int seed, int simulationsPerRun = 10)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(taskAnswersPerRun);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(simulationsPerRun);
        var totals = taskAnswersPerRun.Where(t => t > 0).SelectMany(t => Enumerable.Repeat(t, simulationsPerRun)).ToArray();
        if (totals.Length == 0)
        {
            throw new ArgumentException("No run has a task answer.", nameof(taskAnswersPerRun));
        }

        var taskOnly = new UrnModel(model.Initial, model.Beta, model.Biases);
        return UrnSimulator.SimulateRuns(taskOnly, totals, seed);
    }
}
