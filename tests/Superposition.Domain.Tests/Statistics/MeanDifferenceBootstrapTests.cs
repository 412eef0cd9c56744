using Superposition.Randomness;
using Superposition.Statistics;

namespace Superposition.Domain.Tests.Statistics;

public sealed class MeanDifferenceBootstrapTests
{
    private static double[] Normal(int n, double mean, double sd, int seed)
    {
        var random = Seeds.Create(seed, "test", "normal");
        return [.. Enumerable.Range(0, n).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(random, mean, sd))];
    }

    [Fact]
    public void Paired_interval_of_identical_runs_is_exactly_zero()
    {
        var values = Normal(50, 1, 0.5, 1);

        var interval = MeanDifferenceBootstrap.Paired(values, values, seed: 3);

        Assert.Equal(0, interval.Low);
        Assert.Equal(0, interval.High);
    }

    [Fact]
    public void Paired_interval_is_the_mean_interval_of_the_differences()
    {
        var baseline = Normal(80, 1, 0.5, 1);
        var run = Normal(80, 1.2, 0.5, 2);

        var interval = MeanDifferenceBootstrap.Paired(run, baseline, seed: 4, confidence: 0.9);

        Assert.Equal(Bootstrap.MeanInterval([.. run.Zip(baseline, (a, b) => a - b)], seed: 4, confidence: 0.9), interval);
    }

    [Fact]
    public void Unpaired_interval_of_large_samples_matches_the_normal_theory_interval_of_a_difference_of_means()
    {
        // se = sqrt(s1²/n1 + s2²/n2); with 2000 resamples the percentile bounds' Monte Carlo error is ≈0.06 se.
        var run = Normal(3000, 2, 1, 5);
        var baseline = Normal(2000, 1.5, 2, 6);
        var se = Math.Sqrt((Variance(run) / run.Length) + (Variance(baseline) / baseline.Length));
        var difference = run.Average() - baseline.Average();

        var interval = MeanDifferenceBootstrap.Unpaired(run, baseline, seed: 7);

        Assert.Equal(difference - (1.959964 * se), interval.Low, 0.3 * se);
        Assert.Equal(difference + (1.959964 * se), interval.High, 0.3 * se);
    }

    [Fact]
    public void Unpaired_interval_is_deterministic_for_a_seed_and_changes_with_it()
    {
        var run = Normal(40, 0, 1, 8);
        var baseline = Normal(30, 0, 1, 9);

        Assert.Equal(MeanDifferenceBootstrap.Unpaired(run, baseline, seed: 1), MeanDifferenceBootstrap.Unpaired(run, baseline, seed: 1));
        Assert.NotEqual(MeanDifferenceBootstrap.Unpaired(run, baseline, seed: 1), MeanDifferenceBootstrap.Unpaired(run, baseline, seed: 2));
    }

    [Fact]
    public void Infinite_values_and_mismatched_pairs_are_refused_with_a_message_saying_why()
    {
        var error = Assert.Throws<ArgumentException>(() => MeanDifferenceBootstrap.Unpaired([1, double.PositiveInfinity], [1, 2], seed: 1));
        Assert.Contains("finite", error.Message, StringComparison.Ordinal);
        var pairs = Assert.Throws<ArgumentException>(() => MeanDifferenceBootstrap.Paired([1, 2, 3], [1, 2], seed: 1));
        Assert.Contains("one baseline value per run value", pairs.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MeanDifferenceBootstrap.Unpaired([], [1.0], seed: 1));
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }
}
