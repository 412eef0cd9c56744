using Superposition.Collapse;

namespace Superposition.Domain.Tests.Collapse;

public sealed class UrnDispersionTests
{
    private const int Simulations = 999;

    // The smallest two-sided p that M simulations can give: 2 / (M + 1).
    private const double Floor = 2.0 / (Simulations + 1);

    [Fact]
    public void Run_statistic_has_expectation_k_minus_one_exactly_under_the_calibrated_urn()
    {
        // Enumerating every count vector checks the urn's variance T·p(1 − p)·(A + T)/(A + 1) that the statistic
        // divides by: with a wrong factor the expectation would drift from k − 1 as T grows.
        double[] a = [1.5, 2, 7.25];
        var statistic = new UrnDispersion.RunStatistic(a);
        foreach (var turns in new[] { 1, 5, 24 })
        {
            var expectation = DirichletMultinomial.Enumerate(a, turns).Sum(e => e.Probability * statistic.Of(e.Counts));

            Assert.Equal(2, expectation, 1e-10);
        }
    }

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    [InlineData(44)]
    [InlineData(45)]
    public void Calibrated_urn_runs_are_not_rejected_and_have_ratio_near_one(int seed)
    {
        double[] a = [10, 10];
        var runs = UrnSimulator.Simulate(UrnModel.Linear(a), 100, 300, seed).Runs;

        var test = UrnDispersion.Test(runs, a, Simulations, seed: 100 + seed);

        Assert.True(test.PValue > 0.01, $"p = {test.PValue}, ratio {test.Ratio}");
        Assert.InRange(test.Ratio, 0.75, 1.25);
        Assert.Equal((300, 300.0, Simulations), (test.Runs, test.Expected, test.Simulations));
    }

    [Theory]
    [InlineData(new[] { 10.0, 10.0 })]
    [InlineData(new[] { 5.0, 5.0, 5.0 })]
    public void Beta_3_runs_are_rejected_as_over_dispersed(double[] a)
    {
        var runs = UrnSimulator.Simulate(new UrnModel(a, beta: 3), 100, 300, seed: 46).Runs;

        var test = UrnDispersion.Test(runs, a, Simulations, seed: 47);

        Assert.True(test.Ratio > 1.5, $"ratio {test.Ratio}");
        Assert.Equal(Floor, test.PValue, 1e-15);
    }

    [Theory]
    [InlineData(new[] { 10.0, 10.0 })]
    [InlineData(new[] { 5.0, 5.0, 5.0 })]
    public void Beta_one_half_runs_are_rejected_as_under_dispersed(double[] a)
    {
        var runs = UrnSimulator.Simulate(new UrnModel(a, beta: 0.5), 100, 300, seed: 48).Runs;

        var test = UrnDispersion.Test(runs, a, Simulations, seed: 49);

        Assert.True(test.Ratio < 0.67, $"ratio {test.Ratio}");
        Assert.Equal(Floor, test.PValue, 1e-15);
    }

    [Fact]
    public void Flattened_runs_pass_the_likelihood_test_but_not_the_dispersion_test()
    {
        // The blind spot: β = 0.5 keeps shares near the start, where the urn's likelihood is highest, so the
        // one-sided likelihood statistic Σ −ln P(x_r) comes out smaller than the urn's own, never larger.
        double[] a = [10, 10];
        var runs = UrnSimulator.Simulate(new UrnModel(a, beta: 0.5), 100, 300, seed: 48).Runs;

        var likelihood = DirichletMultinomialFit.MonteCarlo(runs, a, Simulations, seed: 49);
        var dispersion = UrnDispersion.Test(runs, a, Simulations, seed: 49);

        Assert.True(likelihood.PValue > 0.5, $"likelihood p = {likelihood.PValue}");
        Assert.True(dispersion.PValue < 0.01, $"dispersion p = {dispersion.PValue}");
    }

    [Fact]
    public void Runs_shortened_by_other_answers_are_tested_at_their_own_totals()
    {
        double[] a = [4, 4, 8];
        var runs = UrnSimulator.Simulate(new UrnModel(a, otherRate: 0.2), 30, 400, seed: 50).Runs
            .Append(new RunOutcome([0, 0, 0], otherCount: 30))
            .ToList();

        var test = UrnDispersion.Test(runs, a, Simulations, seed: 51);

        Assert.Equal(400, test.Runs);
        Assert.Equal(800, test.Expected);
        Assert.True(test.PValue > 0.01, $"p = {test.PValue}, ratio {test.Ratio}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_test()
    {
        double[] a = [3, 1];
        var runs = UrnSimulator.Simulate(UrnModel.Linear(a), 20, 50, seed: 52).Runs;

        Assert.Equal(UrnDispersion.Test(runs, a, 99, seed: 53), UrnDispersion.Test(runs, a, 99, seed: 53));
    }

    [Fact]
    public void Bad_input_throws_naming_the_parameter()
    {
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => UrnDispersion.Test([new RunOutcome([0, 0], 3)], [1, 1], 9, 0)).ParamName);
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => UrnDispersion.Test([new RunOutcome([1, 2, 3])], [1, 1], 9, 0)).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentException>(() => UrnDispersion.Test([new RunOutcome([1, 2])], [1, -1], 9, 0)).ParamName);
        Assert.Equal("simulations", Assert.Throws<ArgumentOutOfRangeException>(() => UrnDispersion.Test([new RunOutcome([1, 2])], [1, 1], 0, 0)).ParamName);
    }
}
