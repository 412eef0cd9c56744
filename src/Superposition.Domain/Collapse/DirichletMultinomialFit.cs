using MathNet.Numerics;
using Superposition.Randomness;

namespace Superposition.Collapse;

/// <summary>
/// Goodness of fit of runs' final task counts to the calibrated urn, Dirichlet-multinomial(T_r; a). Runs are
/// grouped by their number of task answers T_r (runs with "other" answers are shorter); runs with none are left
/// out. Two tests: an asymptotic chi-square (<see cref="ChiSquare"/>), which is what can show p &lt; 1e-6, and a
/// Monte Carlo test (<see cref="MonteCarlo"/>) that needs no asymptotics but cannot go below 1/(M+1). The Monte
/// Carlo likelihood statistic is one-sided: it cannot see runs that stay nearer the start than the urn does
/// (β &lt; 1), where the urn's likelihood is highest; <see cref="UrnDispersion"/> sees both ways.
/// </summary>
public static class DirichletMultinomialFit
{
    /// <summary>
    /// Pearson chi-square with exact cell probabilities: the full Beta-binomial pmf for two tasks
    /// (<see cref="FitMethod.ChiSquareFullPmf"/>); for more, cells by the largest count, split by task when it is a
    /// majority (<see cref="FitMethod.ChiSquareLargestCount"/>, or <see cref="FitMethod.ChiSquareMajorityCells"/>
    /// when some run has more than <see cref="LargestCountCells.MaxTurnsForDistribution"/> task answers);
    /// cells pooled per group of equal T_r to expected counts ≥ 5; degrees of freedom = Σ over groups of (cells − 1);
    /// p = Q(df/2, X²/2) (regularised upper incomplete gamma, accurate far into the tail). A group that pooling
    /// leaves one cell (too few runs of that length) is not tested; its runs are counted in
    /// <see cref="FitTest.ExcludedRuns"/>, not in <see cref="FitTest.Runs"/>. No degrees of freedom at all gives p = 1.
    /// </summary>
    public static FitTest ChiSquare(IReadOnlyList<RunOutcome> runs, IReadOnlyList<double> initial)
    {
        var k = CollapseStatistics.CheckRuns(runs, nameof(runs));
        var a = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        CollapseArguments.SameTaskCount(k, a.Length, nameof(runs));
        var statistic = 0.0;
        var cells = 0;
        var df = 0;
        var used = 0;
        var excluded = 0;
        foreach (var group in runs.Where(r => r.TaskAnswers > 0).GroupBy(r => r.TaskAnswers))
        {
            var layout = new LargestCountCells(a, group.Key);
            var observed = new double[layout.Count];
            var n = 0;
            foreach (var run in group)
            {
                observed[layout.CellOf(run.TaskCounts)]++;
                n++;
            }

            var (x2, pooled) = ChiSquarePooling.Compute(observed, layout.Probabilities, n);
            if (pooled < 2)
            {
                excluded += n;
                continue;
            }

            statistic += x2;
            cells += pooled;
            df += pooled - 1;
            used += n;
        }

        var p = df == 0 ? 1 : SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2);
        var method = k == 2 ? FitMethod.ChiSquareFullPmf
            : runs.Any(r => r.TaskAnswers > LargestCountCells.MaxTurnsForDistribution) ? FitMethod.ChiSquareMajorityCells
            : FitMethod.ChiSquareLargestCount;
        return new FitTest(method, statistic, p, used, DegreesOfFreedom: df, Cells: cells, ExcludedRuns: excluded);
    }

    /// <summary>
    /// Monte Carlo test with statistic S = Σ_r −ln P(x_r | T_r, a) over runs with task answers, against
    /// <paramref name="simulations"/> data sets of the same run totals drawn from the calibrated urn with stream
    /// <c>Seeds.Create(seed, "collapse", "fit")</c>; p = (1 + #{S_sim ≥ S_obs}) / (1 + M). Cost: M · Σ T_r draws.
    /// </summary>
    public static FitTest MonteCarlo(IReadOnlyList<RunOutcome> runs, IReadOnlyList<double> initial, int simulations, int seed)
    {
        var k = CollapseStatistics.CheckRuns(runs, nameof(runs));
        var a = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        CollapseArguments.SameTaskCount(k, a.Length, nameof(runs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(simulations);
        var totals = runs.Where(r => r.TaskAnswers > 0).Select(r => r.TaskAnswers).ToArray();
        var observed = runs.Where(r => r.TaskAnswers > 0).Sum(r => -DirichletMultinomial.LogPmfUnchecked(r.TaskCounts.ToArray(), a));

        var random = Seeds.Create(seed, "collapse", "fit");
        var sampler = new UrnSampler(UrnModel.Linear(a));
        var counts = new int[k];
        var atLeast = 0;
        for (var m = 0; m < simulations; m++)
        {
            var s = 0.0;
            foreach (var t in totals)
            {
                sampler.Run(random, t, counts);
                s -= DirichletMultinomial.LogPmfUnchecked(counts, a);
            }

            atLeast += s >= observed ? 1 : 0;
        }

        return new FitTest(
            FitMethod.MonteCarloLogLikelihood, observed, (1.0 + atLeast) / (1.0 + simulations), totals.Length, Simulations: simulations);
    }
}
