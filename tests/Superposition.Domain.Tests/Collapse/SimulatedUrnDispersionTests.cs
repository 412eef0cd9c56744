using Superposition.Collapse;

namespace Superposition.Domain.Tests.Collapse;

public sealed class SimulatedUrnDispersionTests
{
    private const int Simulations = 999;

    // The smallest two-sided p that M simulations can give: 2 / (M + 1).
    private const double Floor = 2.0 / (Simulations + 1);

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(63)]
    public void Runs_of_the_beta_urn_itself_are_not_rejected_and_have_ratio_near_one(int seed)
    {
        // A beta-urn with β > 1 and biases, six tasks, 100 runs of 40 answers: the shape of the trained sweep's test.
        var urn = new UrnModel([2, 2, 2, 2, 2, 2], beta: 1.4, biases: [0.3, -0.1, 0, 0, -0.1, -0.1]);
        var runs = UrnSimulator.Simulate(urn, 40, 100, seed).Runs;

        var test = SimulatedUrnDispersion.Test(runs, urn, Simulations, seed: 100 + seed);

        Assert.True(test.PValue > 0.01, $"p = {test.PValue}, ratio {test.Ratio}");
        Assert.InRange(test.Ratio, 0.8, 1.25);
        Assert.Equal((100, Simulations, DispersionReference.MonteCarlo), (test.Runs, test.Simulations, test.Reference));
    }

    [Fact]
    public void Runs_of_the_urn_tested_against_it_are_rejected_at_5_percent_about_5_percent_of_the_time()
    {
        // The test's size: 300 fixed-seed data sets of a two-task β = 3 urn, each against 199 simulated ones. A p
        // biased towards small values (the reference drawn from another urn than the runs, or ties counted in one
        // tail) would reject far more often; binomial sd of the rate 1.3%.
        var urn = new UrnModel([5, 3], beta: 3);
        var rejected = Enumerable.Range(0, 300)
            .Count(seed => SimulatedUrnDispersion.Test(UrnSimulator.Simulate(urn, 20, 100, seed: 1000 + seed).Runs, urn, 199, seed: 2000 + seed).PValue < 0.05);

        Assert.InRange(rejected / 300.0, 0.015, 0.09);
    }

    [Fact]
    public void Against_a_calibrated_urn_the_simulated_expectation_is_the_exact_one_and_the_verdict_agrees_with_the_exact_test()
    {
        // For the linear urn E[D] = R (k − 1) exactly; the simulated mean of 999 data sets of 300 runs has sd about
        // 0.1% of it. Runs of β = 3 are over-dispersed under both references.
        double[] a = [5, 5, 5];
        var runs = UrnSimulator.Simulate(new UrnModel(a, beta: 3), 60, 300, seed: 64).Runs;

        var simulated = SimulatedUrnDispersion.Test(runs, UrnModel.Linear(a), Simulations, seed: 65);
        var exact = UrnDispersion.Test(runs, a, Simulations, seed: 65);

        Assert.Equal(exact.Expected, simulated.Expected, 0.01 * exact.Expected);
        Assert.Equal(exact.Statistic, simulated.Statistic, 1e-9);
        Assert.Equal(Floor, simulated.PValue, 1e-15);
        Assert.Equal(DispersionVerdict.OverDispersed, simulated.VerdictAt());
        Assert.Equal(DispersionVerdict.OverDispersed, exact.VerdictAt());
    }

    [Fact]
    public void Calibrated_runs_against_a_collapsing_beta_urn_are_under_dispersed()
    {
        // The regime contrast in miniature: runs that follow the urn are far less spread than a β = 3 beta-urn predicts.
        double[] a = [3, 3, 3, 3, 3, 3];
        var runs = UrnSimulator.Simulate(UrnModel.Linear(a), 40, 100, seed: 66).Runs;

        var test = SimulatedUrnDispersion.Test(runs, new UrnModel(a, beta: 3), Simulations, seed: 67);

        Assert.True(test.Ratio < 0.5, $"ratio {test.Ratio}");
        Assert.Equal(DispersionVerdict.UnderDispersed, test.VerdictAt());
    }

    [Fact]
    public void Runs_shortened_by_other_answers_are_tested_at_their_own_totals_and_runs_without_task_answers_are_left_out()
    {
        // The urn's other-answer rate is not replayed: the runs' totals already count only their task answers.
        var urn = new UrnModel([4, 4, 8], beta: 1.5, otherRate: 0.3);
        var runs = UrnSimulator.Simulate(urn, 30, 200, seed: 68).Runs
            .Append(new RunOutcome([0, 0, 0], otherCount: 30))
            .ToList();

        var test = SimulatedUrnDispersion.Test(runs, urn, Simulations, seed: 69);

        Assert.Equal(200, test.Runs);
        Assert.True(test.PValue > 0.01, $"p = {test.PValue}, ratio {test.Ratio}");
        Assert.InRange(test.Ratio, 0.8, 1.25);
    }

    [Fact]
    public void The_same_seed_gives_the_same_test()
    {
        var urn = new UrnModel([3, 1], beta: 2);
        var runs = UrnSimulator.Simulate(urn, 20, 50, seed: 70).Runs;

        Assert.Equal(SimulatedUrnDispersion.Test(runs, urn, 99, seed: 71), SimulatedUrnDispersion.Test(runs, urn, 99, seed: 71));
    }

    [Fact]
    public void Bad_input_throws_naming_the_parameter()
    {
        var urn = UrnModel.Linear([1, 1]);
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => SimulatedUrnDispersion.Test([new RunOutcome([0, 0], 3)], urn, 9, 0)).ParamName);
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => SimulatedUrnDispersion.Test([new RunOutcome([1, 2, 3])], urn, 9, 0)).ParamName);
        Assert.Equal("urn", Assert.Throws<ArgumentNullException>(() => SimulatedUrnDispersion.Test([new RunOutcome([1, 2])], null!, 9, 0)).ParamName);
        Assert.Equal("simulations", Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedUrnDispersion.Test([new RunOutcome([1, 2])], urn, 0, 0)).ParamName);
    }

    [Theory]
    [InlineData(0.04, 1.3, DispersionVerdict.OverDispersed)]
    [InlineData(0.04, 0.7, DispersionVerdict.UnderDispersed)]
    [InlineData(0.05, 1.3, DispersionVerdict.Consistent)]
    [InlineData(0.6, 0.7, DispersionVerdict.Consistent)]
    public void The_verdict_reads_the_p_value_at_the_level_and_the_ratio_for_the_direction(double p, double ratio, DispersionVerdict expected) =>
        Assert.Equal(expected, new DispersionTest(ratio * 10, 10, p, 5, 999).VerdictAt(0.05));
}
