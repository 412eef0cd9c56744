namespace Superposition.Collapse;

/// <summary>Per-experiment statistics of multi-turn runs (<see cref="CollapseReport"/>).</summary>
public static class CollapseAnalysis
{
    /// <summary>
    /// Summarises the runs and compares them with the urns started from <paramref name="initial"/>, conditioning
    /// every prediction on each run's number of task answers so that "other" answers do not bias the comparison.
    /// </summary>
    /// <param name="runs">Final counts of the experiment's runs; at least one run has a task answer.</param>
    /// <param name="initial">Where the calibrated urn starts: the in-context example counts per task that every run
    /// started from, or those plus α for the Pólya predictive (<see cref="CalibratedUrnStart"/>).</param>
    /// <param name="seed">Seed for the beta-urn simulation and the Monte Carlo tests.</param>
    /// <param name="betaUrn">The urn with β and biases fitted on the same model's calibration experiments, over the
    /// same tasks; it may start elsewhere than the calibrated urn (at the example counts, where its fit was made);
    /// default none.</param>
    /// <param name="simulationsPerRun">Beta-urn runs simulated per observed run; default 10.</param>
    /// <param name="monteCarloSimulations">Data sets for the Monte Carlo likelihood test; default 0 (not run).</param>
    /// <param name="dispersionSimulations">Data sets for the dispersion test, which always runs (Monte Carlo below
    /// <see cref="UrnDispersion.NormalReferenceRuns"/> runs, a normal reference from there on), and for the same test
    /// against the beta-urn (always Monte Carlo); default <see cref="UrnDispersion.DefaultSimulations"/>.</param>
    public static CollapseReport Analyze(
        IReadOnlyList<RunOutcome> runs,
        IReadOnlyList<double> initial,
        int seed,
        UrnModel? betaUrn = null,
        int simulationsPerRun = 10,
        int monteCarloSimulations = 0,
        int dispersionSimulations = UrnDispersion.DefaultSimulations)
    {
        var k = CollapseStatistics.CheckRuns(runs, nameof(runs));
        var a = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        CollapseArguments.SameTaskCount(k, a.Length, nameof(runs));
        if (betaUrn is not null)
        {
            CollapseArguments.SameTaskCount(betaUrn.Tasks, a.Length, nameof(betaUrn));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(monteCarloSimulations);
        var totals = runs.Select(r => r.TaskAnswers).ToArray();
        return new CollapseReport(
            CollapseStatistics.Summarize(runs),
            UrnPredictions.ExactForTotals(a, totals),
            betaUrn is null ? null : UrnPredictions.SimulatedForTotals(betaUrn, totals, seed, simulationsPerRun),
            DirichletMultinomialFit.ChiSquare(runs, a),
            monteCarloSimulations == 0 ? null : DirichletMultinomialFit.MonteCarlo(runs, a, monteCarloSimulations, seed),
            UrnDispersion.Test(runs, a, dispersionSimulations, seed),
            betaUrn is null ? null : SimulatedUrnDispersion.Test(runs, betaUrn, dispersionSimulations, seed));
    }
}
