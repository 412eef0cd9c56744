using Superposition.Collapse;

namespace Superposition.Domain.Tests.Collapse;

public sealed class DirichletMultinomialFitTests
{
    [Theory]
    [InlineData(new[] { 10.0, 10.0 }, 100, FitMethod.ChiSquareFullPmf)]
    [InlineData(new[] { 2.0, 7.0 }, 50, FitMethod.ChiSquareFullPmf)]
    [InlineData(new[] { 10.0, 10.0, 10.0, 10.0, 10.0, 10.0 }, 100, FitMethod.ChiSquareLargestCount)]
    [InlineData(new[] { 6.0, 6.0, 30.0 }, 60, FitMethod.ChiSquareLargestCount)]
    public void Chi_square_does_not_reject_linear_urn_runs_at_R_1000(double[] a, int turns, FitMethod method)
    {
        var runs = UrnSimulator.Simulate(UrnModel.Linear(a), turns, 1000, seed: 21).Runs;

        var fit = DirichletMultinomialFit.ChiSquare(runs, a);

        Assert.Equal(method, fit.Method);
        Assert.True(fit.PValue > 0.01, $"p = {fit.PValue}, X² = {fit.Statistic} on {fit.DegreesOfFreedom} df");
        Assert.True(fit.DegreesOfFreedom > 10, $"df = {fit.DegreesOfFreedom}");
    }

    [Theory]
    [InlineData(new[] { 10.0, 10.0 }, 100)]
    [InlineData(new[] { 10.0, 10.0, 10.0, 10.0, 10.0, 10.0 }, 100)]
    public void Chi_square_rejects_beta_3_runs_at_R_1000(double[] a, int turns)
    {
        // Robust, not a lucky seed: from (10, 10) the β = 3 urn collapses in about 58% of runs at T = 100 while
        // the calibrated urn expects 0.1 collapsed runs in 1000 (exact P = 1e-4); from six tasks × 10 it drops the
        // mean entropy from 1.73 to about 1.19 nats, moving the largest count far into the calibrated urn's tail.
        // Over seeds 1..100 the smallest X² was above 4·10^4 on 19–53 df (p underflows to 0), so p < 1e-6 is
        // not a lucky seed. (The same sweep rejected linear-urn runs at p < 0.01 in 0–3 of 100 seeds, as it should.)
        var runs = UrnSimulator.Simulate(new UrnModel(a, beta: 3), turns, 1000, seed: 22).Runs;

        var fit = DirichletMultinomialFit.ChiSquare(runs, a);

        Assert.True(fit.PValue < 1e-6, $"p = {fit.PValue}");
    }

    [Fact]
    public void Chi_square_rejects_flattened_beta_one_half_runs()
    {
        var runs = UrnSimulator.Simulate(new UrnModel([10, 10], beta: 0.5), 100, 1000, seed: 23).Runs;

        Assert.True(DirichletMultinomialFit.ChiSquare(runs, [10, 10]).PValue < 1e-6);
    }

    [Fact]
    public void Chi_square_handles_runs_shortened_by_other_answers()
    {
        // With other answers each run has its own number of task answers; the test groups runs by that total.
        var runs = UrnSimulator.Simulate(new UrnModel([4, 4, 8], otherRate: 0.1), 40, 1000, seed: 24).Runs;

        var fit = DirichletMultinomialFit.ChiSquare(runs, [4, 4, 8]);

        // A few runs fall at totals too rare to test (left out, and said so); every run is one or the other.
        Assert.Equal(1000, fit.Runs + fit.ExcludedRuns);
        Assert.InRange(fit.ExcludedRuns, 1, 20);
        Assert.True(fit.PValue > 0.01, $"p = {fit.PValue}");
    }

    [Fact]
    public void Largest_count_cells_are_exact_against_enumeration()
    {
        double[] a = [1.5, 2, 7.25, 0.75];
        const int Turns = 21;
        var cells = new LargestCountCells(a, Turns);
        var byEnumeration = new double[cells.Count];
        foreach (var (counts, p) in DirichletMultinomial.Enumerate(a, Turns))
        {
            byEnumeration[cells.CellOf(counts)] += p;
        }

        Assert.Equal(1, cells.Probabilities.Sum(), 1e-12);
        for (var j = 0; j < cells.Count; j++)
        {
            Assert.Equal(byEnumeration[j], cells.Probabilities[j], 1e-12);
        }
    }

    [Fact]
    public void Largest_count_program_matches_enumeration()
    {
        double[] a = [1, 2, 3];
        const int Turns = 30;
        var program = new LargestCountProgram(a, Turns);
        for (var m = 10; m <= 15; m++)
        {
            var expected = DirichletMultinomial.Enumerate(a, Turns).Where(e => e.Counts.Max() <= m).Sum(e => e.Probability);

            Assert.Equal(expected, program.ProbabilityAtMost(m), 1e-12);
        }
    }

    [Fact]
    public void Monte_carlo_does_not_reject_linear_runs_and_rejects_beta_3_at_its_floor()
    {
        const int Simulations = 199;
        double[] a = [5, 5, 5];
        var linear = UrnSimulator.Simulate(UrnModel.Linear(a), 50, 300, seed: 25).Runs;
        var sharp = UrnSimulator.Simulate(new UrnModel(a, beta: 3), 50, 300, seed: 26).Runs;

        var accept = DirichletMultinomialFit.MonteCarlo(linear, a, Simulations, seed: 27);
        var reject = DirichletMultinomialFit.MonteCarlo(sharp, a, Simulations, seed: 27);

        Assert.Equal(FitMethod.MonteCarloLogLikelihood, accept.Method);
        Assert.True(accept.PValue > 0.01, $"p = {accept.PValue}");
        Assert.Equal(1.0 / (Simulations + 1), reject.PValue, 1e-15);
    }

    [Fact]
    public void Too_few_runs_give_no_degrees_of_freedom_p_one_and_no_tested_run()
    {
        var fit = DirichletMultinomialFit.ChiSquare([new RunOutcome([3, 1])], [1, 1]);

        Assert.Equal(0, fit.DegreesOfFreedom);
        Assert.Equal(1, fit.PValue);
        Assert.Equal((0, 1), (fit.Runs, fit.ExcludedRuns));
    }

    [Fact]
    public void Chi_square_leaves_out_a_group_of_runs_too_small_to_test_and_says_how_many()
    {
        // Three runs lost three answers to "other": alone at T = 37 they expect fewer than 5 runs in any cell, so
        // pooling leaves their group one cell and no degrees of freedom. They cannot weigh for or against the urn.
        double[] a = [4, 4];
        var full = UrnSimulator.Simulate(UrnModel.Linear(a), 40, 1000, seed: 28).Runs;
        var odd = new[] { new RunOutcome([20, 17], 3), new RunOutcome([30, 7], 3), new RunOutcome([1, 36], 3) };

        var alone = DirichletMultinomialFit.ChiSquare(full, a);
        var fit = DirichletMultinomialFit.ChiSquare([.. full, .. odd], a);

        Assert.Equal((1000, 3), (fit.Runs, fit.ExcludedRuns));
        Assert.Equal((alone.DegreesOfFreedom, alone.Cells, alone.Statistic, alone.PValue), (fit.DegreesOfFreedom, fit.Cells, fit.Statistic, fit.PValue));
        Assert.Equal(0, alone.ExcludedRuns);
    }

    [Fact]
    public void Bad_input_throws_naming_the_parameter()
    {
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => DirichletMultinomialFit.ChiSquare([], [1, 1])).ParamName);
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => DirichletMultinomialFit.ChiSquare([new RunOutcome([1, 2, 3])], [1, 1])).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentException>(() => DirichletMultinomialFit.ChiSquare([new RunOutcome([1, 2])], [1, 0])).ParamName);
        Assert.Equal("simulations", Assert.Throws<ArgumentOutOfRangeException>(() => DirichletMultinomialFit.MonteCarlo([new RunOutcome([1, 2])], [1, 1], 0, 0)).ParamName);
    }
}
