namespace Superposition.Collapse;

/// <summary>Exact versus simulated multi-turn statistics for one urn: the pure core of <c>superposition urn</c>.</summary>
public static class UrnComparison
{
    /// <summary>
    /// Simulates <paramref name="runs"/> runs of <paramref name="turns"/> answers of the urn with exponent
    /// <paramref name="beta"/> (default 1) and optional <paramref name="biases"/> (default none), and sets them
    /// beside the calibrated urn's exact statistics. "Exact" is always the calibrated urn, for any number of
    /// tasks (it needs only the Beta-binomial marginals); with β = 1 the simulated numbers estimate the same
    /// quantities and should agree within their standard errors. The simulated runs are tested against the
    /// calibrated urn twice: chi-square, and dispersion (<see cref="UrnDispersion.Test"/>) with
    /// <paramref name="dispersionSimulations"/> Monte Carlo data sets below <see cref="UrnDispersion.NormalReferenceRuns"/>
    /// runs (default <see cref="UrnDispersion.DefaultSimulations"/>; cost M · R · (k − 1) draws), a normal reference from there on.
    /// </summary>
    public static UrnReport Compute(
        IReadOnlyList<double> initial,
        int turns,
        int runs,
        double beta = 1,
        int seed = 0,
        IReadOnlyList<double>? biases = null,
        int dispersionSimulations = UrnDispersion.DefaultSimulations)
    {
        var model = new UrnModel(initial, beta, biases);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(turns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dispersionSimulations);
        var simulation = UrnSimulator.Simulate(model, turns, runs, seed);
        return new UrnReport(
            model,
            turns,
            runs,
            seed,
            UrnPredictions.Exact(model.Initial, turns),
            CollapseStatistics.Summarize(simulation.Runs),
            DirichletMultinomialFit.ChiSquare(simulation.Runs, model.Initial),
            UrnDispersion.Test(simulation.Runs, model.Initial, dispersionSimulations, seed));
    }
}
