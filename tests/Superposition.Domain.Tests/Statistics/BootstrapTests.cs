using Superposition.Randomness;
using Superposition.Statistics;

namespace Superposition.Domain.Tests.Statistics;

public sealed class BootstrapTests
{
    private static double[] Normal(int n, double mean, double sd, int seed)
    {
        var random = Seeds.Create(seed, "test", "normal");
        return Enumerable.Range(0, n).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(random, mean, sd)).ToArray();
    }

    [Fact]
    public void MeanInterval_is_deterministic_for_a_seed_and_changes_with_the_seed()
    {
        var values = Normal(50, 0, 1, 1);

        var first = Bootstrap.MeanInterval(values, seed: 3);
        var again = Bootstrap.MeanInterval(values, seed: 3);
        var other = Bootstrap.MeanInterval(values, seed: 4);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void MeanInterval_of_a_large_sample_matches_the_normal_theory_interval()
    {
        // For n = 4000 the bootstrap distribution of the mean is close to normal with sd s/√n; the percentile
        // bounds' Monte Carlo error with 2000 resamples is ≈0.06 sd, so 0.3 sd is a 5-sigma tolerance.
        var values = Normal(4000, 2, 3, 2);
        var mean = values.Average();
        var se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);

        var interval = Bootstrap.MeanInterval(values, seed: 5);

        Assert.Equal(mean - (1.959964 * se), interval.Low, 0.3 * se);
        Assert.Equal(mean + (1.959964 * se), interval.High, 0.3 * se);
    }

    [Fact]
    public void MeanInterval_covers_the_true_mean_at_about_the_nominal_rate()
    {
        // 300 data sets of 40 exponential values; the percentile bootstrap undercovers slightly for skewed
        // small samples (≈0.92), so accept 0.86..0.99 (binomial sd ≈ 0.015).
        var random = Seeds.Create(11, "test", "coverage");
        var covered = 0;
        const int DataSets = 300;
        for (var d = 0; d < DataSets; d++)
        {
            var values = Enumerable.Range(0, 40).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
            if (Bootstrap.MeanInterval(values, seed: d, resamples: 1000).Contains(1.0))
            {
                covered++;
            }
        }

        Assert.InRange((double)covered / DataSets, 0.86, 0.99);
    }

    [Fact]
    public void Interval_of_the_mean_statistic_equals_MeanInterval_for_the_same_seed()
    {
        // Same seed, same item count: the general and the specialised paths draw the same resamples.
        var values = Normal(30, 1, 2, 3);

        var general = Bootstrap.Interval(values, sample => sample.Average(), seed: 9, resamples: 500);
        var mean = Bootstrap.MeanInterval(values, seed: 9, resamples: 500);

        Assert.Equal(mean.Low, general.Low, 12);
        Assert.Equal(mean.High, general.High, 12);
    }

    [Fact]
    public void Interval_of_a_median_brackets_the_sample_median()
    {
        var values = Normal(101, 10, 1, 4);
        var median = values.Order().ElementAt(50);

        var interval = Bootstrap.Interval(values, sample => sample.Order().ElementAt(sample.Count / 2), seed: 1, resamples: 500);

        Assert.True(interval.Low < median && median < interval.High);
        Assert.True(interval.Width < 1.0);
    }

    [Fact]
    public void MeanInterval_with_an_infinite_value_has_an_infinite_upper_bound_and_no_NaN()
    {
        // With 1 infinite value among 3, a resample avoids it with probability (2/3)³ ≈ 0.30 > 0.025, so the
        // lower bound is finite; most resamples contain it, so the upper bound is +infinity.
        double[] values = [1, 2, double.PositiveInfinity];

        var interval = Bootstrap.MeanInterval(values, seed: 1);

        Assert.Equal(double.PositiveInfinity, values.Average());
        Assert.Equal(double.PositiveInfinity, interval.High);
        Assert.True(double.IsFinite(interval.Low));
        Assert.InRange(interval.Low, 1.0, 2.0);
    }

    [Fact]
    public void MeanInterval_of_all_infinite_values_is_infinite_not_NaN()
    {
        var interval = Bootstrap.MeanInterval([double.PositiveInfinity, double.PositiveInfinity], seed: 1);

        Assert.Equal(double.PositiveInfinity, interval.Low);
        Assert.Equal(double.PositiveInfinity, interval.High);
        Assert.Equal(0, interval.Width);
    }

    [Fact]
    public void MeanInterval_of_one_value_is_that_value()
    {
        var interval = Bootstrap.MeanInterval([0.7], seed: 1);

        Assert.Equal(new Interval(0.7, 0.7, 0.95), interval);
    }

    [Fact]
    public void MeanInterval_rejects_NaN_empty_and_mixed_infinities_naming_values()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([1, double.NaN], 1)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([], 1)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([double.PositiveInfinity, double.NegativeInfinity], 1)).ParamName);
    }

    [Fact]
    public void Interval_statistic_returning_NaN_throws()
    {
        Assert.Throws<InvalidOperationException>(() => Bootstrap.Interval([1.0, 2.0], _ => double.NaN, seed: 1, resamples: 10));
    }
}
