using Superposition.Randomness;
using Superposition.Statistics;

namespace Superposition.Domain.Tests.Statistics;

public sealed class StratifiedMeanTests
{
    [Fact]
    public void The_mean_is_the_mean_of_the_strata_means_and_the_interval_that_of_their_replicates_averaged_index_by_index()
    {
        // Replicate b of the mean of means is the mean of the strata's replicate b: (b + 3b) / 2 = 2b, so the
        // percentiles are those of 0, 2, 4, ..., 198 and not of either stratum's own replicates.
        var first = Enumerable.Range(0, 100).Select(b => (double)b).ToArray();
        var second = Enumerable.Range(0, 100).Select(b => 3.0 * b).ToArray();

        var (mean, interval) = StratifiedMean.Of([(1, first), (5, second)], confidence: 0.9);

        Assert.Equal(3, mean);
        var expected = Percentile.Of([.. Enumerable.Range(0, 100).Select(b => 2.0 * b)], 0.9);
        Assert.Equal((expected.Low, expected.High), (interval.Low, interval.High));
    }

    [Fact]
    public void A_replicate_without_a_mean_in_some_stratum_is_left_out()
    {
        double[] first = [1, double.NaN, 1];
        double[] second = [3, 100, 3];

        var (_, interval) = StratifiedMean.Of([(1, first), (3, second)]);

        Assert.Equal((2.0, 2.0), (interval.Low, interval.High));
    }

    [Fact]
    public void An_infinite_stratum_makes_the_mean_and_its_upper_bound_infinite_never_NaN()
    {
        var (mean, interval) = StratifiedMean.Of([(double.PositiveInfinity, [double.PositiveInfinity, double.PositiveInfinity]), (1, [1, 1])]);

        Assert.Equal(double.PositiveInfinity, mean);
        Assert.Equal(double.PositiveInfinity, interval.High);
    }

    [Fact]
    public void Bad_input_throws_naming_the_parameter()
    {
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => StratifiedMean.Of([])).ParamName);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => StratifiedMean.Of([(1, [1, 2]), (1, [1])])).ParamName);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => StratifiedMean.Of([(1, [double.NaN])])).ParamName);
        Assert.Equal("confidence", Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedMean.Of([(1, [1])], 1)).ParamName);
    }

    [Fact]
    public void Streaming_bootstraps_of_three_strata_give_intervals_that_cover_the_mean_of_their_true_means_about_95_percent_of_the_time()
    {
        // Three strata of 60 skewed values (log-normal, like per-prompt KLs) with different true means. A interval
        // taken from the lowest low to the highest high of the strata would cover nearly always; one that ignored
        // the strata's independence (the same weights in each) would be too wide. 300 fixed-seed data sets: the
        // binomial sd of the coverage is 1.3%, so 90–99% holds with room for the percentile bootstrap's known
        // under-coverage at this size.
        double[] mu = [0, 0.5, 1];
        const double sigma = 0.75;
        var truth = mu.Average(m => Math.Exp(m + (sigma * sigma / 2)));
        var covered = 0;
        const int dataSets = 300;
        for (var s = 0; s < dataSets; s++)
        {
            var strata = mu.Select((m, j) =>
            {
                var random = Seeds.Create(s, "stratum", j.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var bootstrap = new StreamingMeanBootstrap(Seeds.Derive(s, "weights", j.ToString(System.Globalization.CultureInfo.InvariantCulture)), replicates: 500);
                for (var i = 0; i < 60; i++)
                {
                    bootstrap.Add(Math.Exp(MathNet.Numerics.Distributions.Normal.Sample(random, m, sigma)));
                }

                return (bootstrap.Mean, bootstrap.ReplicateMeans(0));
            }).ToList();

            covered += StratifiedMean.Of(strata).Interval.Contains(truth) ? 1 : 0;
        }

        Assert.InRange(covered / (double)dataSets, 0.90, 0.99);
    }
}
