using MathNet.Numerics;
using Superposition.Collapse;
using Superposition.Randomness;

namespace Superposition.Domain.Tests.Collapse;

public sealed class UrnSimulatorTests
{
    [Theory]
    [InlineData(3.0, 3.0)]
    [InlineData(0.1, 7.3)]
    public void The_two_task_shortcut_draws_the_same_counts_as_the_general_loop(double a1, double a2)
    {
        // Keeping every run's turn-by-turn answers sends the sampler through its general loop.
        var model = UrnModel.Linear([a1, a2]);
        var shortcut = UrnSimulator.Simulate(model, 200, 2000, seed: 14).Runs;
        var general = UrnSimulator.Simulate(model, 200, 2000, seed: 14, trajectories: 2000).Runs;

        Assert.Equal(general, shortcut);
    }

    [Fact]
    public void Linear_urn_frequencies_match_the_exact_two_task_pmf()
    {
        // a = (2, 3), T = 10: every x = 0..10 expects over 200 of 20,000 runs, so no pooling is needed.
        const int Turns = 10;
        const int Runs = 20_000;
        var simulation = UrnSimulator.Simulate(UrnModel.Linear([2, 3]), Turns, Runs, seed: 11);
        var observed = new int[Turns + 1];
        foreach (var run in simulation.Runs)
        {
            observed[run.TaskCounts[0]]++;
        }

        var p = BetaBinomial.Probabilities(Turns, 2, 3);
        var x2 = Enumerable.Range(0, Turns + 1).Sum(x => Math.Pow(observed[x] - (Runs * p[x]), 2) / (Runs * p[x]));

        Assert.True(SpecialFunctions.GammaUpperRegularized(Turns / 2.0, x2 / 2) > 1e-4, $"X² = {x2} on {Turns} df");
    }

    [Fact]
    public void Linear_urn_frequencies_match_the_exact_three_task_pmf()
    {
        // a = (1, 2, 3), T = 6: 28 count vectors, the rarest (6, 0, 0) expects 20,000 · 1/462 ≈ 43 runs.
        const int Turns = 6;
        const int Runs = 20_000;
        double[] a = [1, 2, 3];
        var simulation = UrnSimulator.Simulate(UrnModel.Linear(a), Turns, Runs, seed: 12);
        var observed = simulation.Runs.GroupBy(r => string.Join(",", r.TaskCounts)).ToDictionary(g => g.Key, g => g.Count());
        var cells = DirichletMultinomial.Enumerate(a, Turns).ToArray();
        var x2 = cells.Sum(c =>
        {
            var expected = Runs * c.Probability;
            var o = observed.GetValueOrDefault(string.Join(",", c.Counts));
            return (o - expected) * (o - expected) / expected;
        });

        Assert.Equal(Runs, observed.Values.Sum());
        Assert.True(SpecialFunctions.GammaUpperRegularized((cells.Length - 1) / 2.0, x2 / 2) > 1e-4, $"X² = {x2} on {cells.Length - 1} df");
    }

    [Theory]
    [InlineData(10.0, 100, 20_000)]
    [InlineData(1.0, 100, 20_000)]
    [InlineData(0.5, 50, 20_000)]
    public void Collapse_index_of_simulated_linear_urn_matches_exact_within_five_sigma(double a, int turns, int runs)
    {
        var exact = BetaBinomial.CollapseProbability(turns, a, a);
        var simulated = CollapseStatistics.Summarize(UrnSimulator.Simulate(UrnModel.Linear([a, a]), turns, runs, seed: 13).Runs);

        // Binomial sd of the exact probability, floored at one run so a near-zero probability still has room.
        var sigma = Math.Max(Math.Sqrt(exact * (1 - exact) / runs), 1.0 / runs);
        Assert.InRange(simulated.CollapseIndex, exact - (5 * sigma), exact + (5 * sigma));
    }

    [Fact]
    public void Nonlinear_urn_with_beta_3_collapses_far_more_often_than_the_linear_urn()
    {
        var linear = BetaBinomial.CollapseProbability(100, 10, 10);
        var sharp = CollapseStatistics.Summarize(UrnSimulator.Simulate(new UrnModel([10, 10], beta: 3), 100, 2000, seed: 14).Runs);

        Assert.True(linear < 1e-3, $"linear {linear}");
        Assert.True(sharp.CollapseIndex > 0.3, $"beta 3 {sharp.CollapseIndex}");
    }

    [Fact]
    public void Beta_below_one_pulls_shares_towards_equal()
    {
        // From (5, 15) the linear urn keeps task 0 at 25% on average; β = 0.5 pulls it towards 50%.
        var flat = CollapseStatistics.Summarize(UrnSimulator.Simulate(new UrnModel([5, 15], beta: 0.5), 200, 4000, seed: 15).Runs);
        var linearEntropy = BetaBinomial.ExpectedEntropy(200, 5, 15);

        Assert.InRange(flat.MeanShares[0], 0.33, 0.5);
        Assert.True(flat.MeanEntropy > linearEntropy + 0.05, $"β = 0.5 entropy {flat.MeanEntropy}, linear {linearEntropy}");
    }

    [Fact]
    public void Positive_bias_raises_a_task_share_above_its_initial_proportion()
    {
        var biased = CollapseStatistics.Summarize(
            UrnSimulator.Simulate(new UrnModel([10, 10], biases: [Math.Log(3), 0]), 100, 2000, seed: 16).Runs);

        Assert.True(biased.MeanShares[0] > 0.6, $"share {biased.MeanShares[0]}");
    }

    [Fact]
    public void Other_answers_occur_at_the_other_rate_and_join_no_task()
    {
        const int Turns = 200;
        const int Runs = 500;
        var simulation = UrnSimulator.Simulate(new UrnModel([3, 3, 3], otherRate: 0.2), Turns, Runs, seed: 17);
        var summary = CollapseStatistics.Summarize(simulation.Runs);

        Assert.All(simulation.Runs, r => Assert.Equal(Turns, r.TaskAnswers + r.OtherCount));
        var sigma = Math.Sqrt(0.2 * 0.8 / (Turns * Runs));
        Assert.InRange(summary.OtherRate, 0.2 - (5 * sigma), 0.2 + (5 * sigma));
    }

    [Fact]
    public void Trajectories_replay_to_the_final_counts()
    {
        var simulation = UrnSimulator.Simulate(new UrnModel([2, 1, 4], beta: 1.5, otherRate: 0.1), 50, 10, seed: 18, trajectories: 3);

        Assert.Equal(3, simulation.Trajectories.Count);
        for (var r = 0; r < 3; r++)
        {
            var path = simulation.Trajectories[r];
            Assert.Equal(50, path.Count);
            Assert.Equal(simulation.Runs[r].OtherCount, path.Count(t => t == -1));
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(simulation.Runs[r].TaskCounts[i], path.Count(t => t == i));
            }
        }
    }

    [Fact]
    public void Same_seed_gives_same_runs_and_another_seed_different_runs()
    {
        var model = new UrnModel([1, 1, 1], beta: 2);
        var first = UrnSimulator.Simulate(model, 30, 50, seed: 5).Runs;
        var again = UrnSimulator.Simulate(model, 30, 50, seed: 5).Runs;
        var other = UrnSimulator.Simulate(model, 30, 50, seed: 6).Runs;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Zero_runs_or_a_bad_model_throw_naming_the_parameter()
    {
        Assert.Equal("runs", Assert.Throws<ArgumentOutOfRangeException>(() => UrnSimulator.Simulate(UrnModel.Linear([1, 1]), 10, 0, 0)).ParamName);
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => new UrnModel([1, 1], beta: -1)).ParamName);
        Assert.Equal("otherRate", Assert.Throws<ArgumentOutOfRangeException>(() => new UrnModel([1, 1], otherRate: 1)).ParamName);
        Assert.Equal("biases", Assert.Throws<ArgumentException>(() => new UrnModel([1, 1], biases: [0])).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentException>(() => new UrnModel([1])).ParamName);
    }

    [Fact]
    public void Sampler_rejects_a_count_buffer_of_the_wrong_length()
    {
        var sampler = new UrnSampler(UrnModel.Linear([1, 1]));

        Assert.Equal("taskCounts", Assert.Throws<ArgumentException>(() => sampler.Run(Seeds.Create(0, "t"), 5, new int[3])).ParamName);
    }
}
