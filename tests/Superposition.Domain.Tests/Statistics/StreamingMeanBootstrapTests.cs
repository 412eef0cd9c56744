using Superposition.Randomness;
using Superposition.Statistics;

namespace Superposition.Domain.Tests.Statistics;

public sealed class StreamingMeanBootstrapTests
{
    private static double[] Skewed(int n, int seed)
    {
        // Log-normal: skewed like per-prompt KLs.
        var random = Seeds.Create(seed, "test", "skewed");
        return Enumerable.Range(0, n).Select(_ => Math.Exp(MathNet.Numerics.Distributions.Normal.Sample(random, 0, 0.75))).ToArray();
    }

    private static StreamingMeanBootstrap Feed(IEnumerable<double> values, int seed, int replicates = Bootstrap.DefaultResamples)
    {
        var accumulator = new StreamingMeanBootstrap(seed, replicates);
        foreach (var value in values)
        {
            accumulator.Add(value);
        }

        return accumulator;
    }

    [Fact]
    public void Interval_agrees_with_the_classic_bootstrap_on_a_large_sample()
    {
        // Both estimate the same sampling distribution; each percentile bound has Monte Carlo sd ≈ 0.06 of the
        // standard error with 2000 replicates, so 0.3 standard errors between them is about 3.5 sigma of the
        // difference, and the systematic difference is O(1/n).
        var values = Skewed(5000, 1);
        var mean = values.Average();
        var se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);

        var streaming = Feed(values, seed: 2).Interval();
        var classic = Bootstrap.MeanInterval(values, seed: 2);

        Assert.Equal(classic.Low, streaming.Low, 0.3 * se);
        Assert.Equal(classic.High, streaming.High, 0.3 * se);
        Assert.True(streaming.Contains(mean));
    }

    [Fact]
    public void Mean_and_count_are_exact()
    {
        var values = Skewed(1000, 3);

        var accumulator = Feed(values, seed: 1, replicates: 10);

        Assert.Equal(1000, accumulator.Count);
        Assert.Equal(values.Average(), accumulator.Mean, 12);
    }

    [Fact]
    public void Interval_is_deterministic_for_a_seed_and_order_and_changes_with_the_seed()
    {
        var values = Skewed(200, 4);

        var first = Feed(values, seed: 5).Interval();
        var again = Feed(values, seed: 5).Interval();
        var other = Feed(values, seed: 6).Interval();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Interval_with_an_infinite_value_has_an_infinite_upper_bound_and_no_NaN()
    {
        // One infinite value among 100: a replicate gives it weight 0 with probability e⁻¹ ≈ 0.37, so the
        // lower bound is finite and the upper one (63% of replicates are infinite) is +infinity.
        var values = Skewed(99, 5).Append(double.PositiveInfinity);

        var accumulator = Feed(values, seed: 1);
        var interval = accumulator.Interval();

        Assert.Equal(double.PositiveInfinity, accumulator.Mean);
        Assert.Equal(double.PositiveInfinity, interval.High);
        Assert.True(double.IsFinite(interval.Low));
    }

    [Fact]
    public void Interval_before_any_value_throws()
    {
        Assert.Throws<InvalidOperationException>(() => new StreamingMeanBootstrap(1).Interval());
    }

    [Fact]
    public void Values_of_one_item_share_its_weights_so_replicates_are_paired()
    {
        var values = Skewed(300, 6);
        var accumulator = new StreamingMeanBootstrap(7, replicates: 500, values: 2);
        foreach (var v in values)
        {
            accumulator.Add([v, 2 * v]);
        }

        var first = accumulator.ReplicateMeans(0);
        var second = accumulator.ReplicateMeans(1);

        Assert.All(Enumerable.Range(0, 500), b => Assert.Equal(2 * first[b], second[b], 12));
        Assert.Equal(2 * accumulator.MeanOf(0), accumulator.MeanOf(1), 12);
        Assert.Equal(2 * accumulator.IntervalOf(0).High, accumulator.IntervalOf(1).High, 12);
        Assert.True(first.Distinct().Count() > 400, "replicates differ from one another");
    }

    [Fact]
    public void Add_rejects_a_wrong_number_of_values()
    {
        var accumulator = new StreamingMeanBootstrap(1, 10, values: 3);

        Assert.Contains("3 per item", Assert.Throws<ArgumentException>(() => accumulator.Add([1.0, 2.0])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_rejects_NaN()
    {
        var accumulator = new StreamingMeanBootstrap(1, 10);

        Assert.Equal("value", Assert.Throws<ArgumentException>(() => accumulator.Add(double.NaN)).ParamName);
    }

    [Fact]
    public void Poisson_weights_have_the_poisson_one_distribution()
    {
        // 200k draws; each frequency must be within 5 binomial standard errors of the Poisson(1) pmf.
        var random = Seeds.Create(1, "test", "poisson");
        var counts = new int[8];
        const int Draws = 200_000;
        for (var i = 0; i < Draws; i++)
        {
            counts[Math.Min(PoissonOneSampler.Sample(random), 7)]++;
        }

        for (var k = 0; k < 7; k++)
        {
            var p = MathNet.Numerics.Distributions.Poisson.PMF(1, k);
            var tolerance = 5 * Math.Sqrt(p * (1 - p) / Draws);
            Assert.Equal(p, (double)counts[k] / Draws, tolerance);
        }
    }
}
