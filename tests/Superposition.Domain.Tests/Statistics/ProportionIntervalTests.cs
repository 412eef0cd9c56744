using Superposition.Randomness;
using Superposition.Statistics;

namespace Superposition.Domain.Tests.Statistics;

public sealed class ProportionIntervalTests
{
    // Published two-sided 95% normal quantile, written out so the test does not reuse the code's MathNet call.
    private const double Z95 = 1.959963984540054;

    // The textbook form p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²), over 1 + z²/n: a different arrangement than the code's.
    private static (double Low, double High) Textbook(int x, int n, double z)
    {
        var p = (double)x / n;
        var centre = (p + (z * z / (2 * n))) / (1 + (z * z / n));
        var half = z / (1 + (z * z / n)) * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    [Fact]
    public void Wilson_five_of_ten_matches_the_published_interval()
    {
        var interval = ProportionInterval.Wilson(5, 10);

        Assert.Equal(0.2366, interval.Low, 4);
        Assert.Equal(0.7634, interval.High, 4);
        Assert.Equal(0.95, interval.Confidence);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(3, 10)]
    [InlineData(10, 10)]
    [InlineData(1, 1)]
    [InlineData(17, 250)]
    public void Wilson_matches_the_textbook_closed_form(int successes, int trials)
    {
        var (low, high) = Textbook(successes, trials, Z95);

        var interval = ProportionInterval.Wilson(successes, trials);

        Assert.Equal(low, interval.Low, 12);
        Assert.Equal(high, interval.High, 12);
    }

    [Fact]
    public void Wilson_zero_successes_is_one_sided_from_exactly_zero()
    {
        var interval = ProportionInterval.Wilson(0, 10);

        Assert.Equal(0.0, interval.Low);
        Assert.Equal(Z95 * Z95 / (10 + (Z95 * Z95)), interval.High, 12); // 0.2775
    }

    [Fact]
    public void Wilson_all_successes_is_one_sided_up_to_exactly_one()
    {
        var interval = ProportionInterval.Wilson(10, 10);

        Assert.Equal(1.0, interval.High);
        Assert.Equal(10 / (10 + (Z95 * Z95)), interval.Low, 12); // 0.7225
    }

    [Fact]
    public void Wilson_higher_confidence_gives_a_wider_interval()
    {
        var narrow = ProportionInterval.Wilson(30, 100, 0.90);
        var wide = ProportionInterval.Wilson(30, 100, 0.99);

        Assert.True(wide.Low < narrow.Low && wide.High > narrow.High);
        Assert.Equal(0.99, wide.Confidence);
    }

    [Fact]
    public void Wilson_zero_trials_throws_naming_trials()
    {
        var error = Assert.Throws<ArgumentException>(() => ProportionInterval.Wilson(0, 0));

        Assert.Equal("trials", error.ParamName);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    public void Wilson_successes_outside_trials_throws_naming_successes(int successes, int trials)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(successes, trials));

        Assert.Equal("successes", error.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Wilson_confidence_outside_zero_one_throws(double confidence)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(1, 2, confidence));

        Assert.Equal("confidence", error.ParamName);
    }

    [Fact]
    public void Goodman_intervals_are_score_intervals_at_the_bonferroni_level()
    {
        // Goodman's A is the chi-square(1) quantile at 1 − α/k, i.e. the square of the normal quantile at
        // 1 − α/(2k): 2.638257 for k = 6 and α = 0.05 (computed independently of the code's ChiSquared call).
        long[] counts = [6, 6, 30, 6, 6, 6];
        const double Z = 2.638257273476751;

        var intervals = ProportionInterval.Goodman(counts);

        Assert.Equal(6, intervals.Count);
        for (var i = 0; i < counts.Length; i++)
        {
            var (low, high) = Textbook((int)counts[i], 60, Z);
            Assert.Equal(low, intervals[i].Low, 9);
            Assert.Equal(high, intervals[i].High, 9);
        }
    }

    [Fact]
    public void Goodman_intervals_are_wider_than_single_wilson_intervals()
    {
        var goodman = ProportionInterval.Goodman([10, 20, 30]);
        var wilson = ProportionInterval.Wilson(20, 60);

        Assert.True(goodman[1].Low < wilson.Low && goodman[1].High > wilson.High);
    }

    [Fact]
    public void Goodman_simultaneous_coverage_is_at_least_nominal_in_simulation()
    {
        // 2000 multinomial samples of 200 answers over D2-like shares; all six intervals must hold at once.
        // Goodman is conservative here (≈0.96); 0.93 is more than 4 standard errors (0.0049) below 0.95.
        double[] p = [0.1, 0.1, 0.5, 0.1, 0.1, 0.1];
        var random = Seeds.Create(7, "test", "goodman");
        var covered = 0;
        const int Samples = 2000;
        for (var s = 0; s < Samples; s++)
        {
            var counts = new long[p.Length];
            for (var draw = 0; draw < 200; draw++)
            {
                var u = random.NextDouble();
                var i = 0;
                while (i < p.Length - 1 && u >= p[i])
                {
                    u -= p[i];
                    i++;
                }

                counts[i]++;
            }

            var intervals = ProportionInterval.Goodman(counts);
            if (Enumerable.Range(0, p.Length).All(i => intervals[i].Contains(p[i])))
            {
                covered++;
            }
        }

        Assert.InRange((double)covered / Samples, 0.93, 1.0);
    }

    [Fact]
    public void Goodman_all_zero_counts_throws_naming_counts()
    {
        var error = Assert.Throws<ArgumentException>(() => ProportionInterval.Goodman([0, 0, 0]));

        Assert.Equal("counts", error.ParamName);
    }

    [Fact]
    public void Goodman_single_category_throws()
    {
        Assert.Throws<ArgumentException>(() => ProportionInterval.Goodman([5]));
    }
}
