using Superposition.Collapse;
using Superposition.Reports.Plots;

namespace Superposition.Reports.Tests.Plots;

public sealed class CountBinsTests
{
    /// <summary>The sample's runs: 40 turns with some answers other, so runs have different numbers of task answers.</summary>
    private static IReadOnlyList<RunOutcome> MixedRuns => Samples.Collapse().Runs;

    [Fact]
    public void Binning_conserves_the_mass_of_the_exact_distribution_and_of_the_observed_runs()
    {
        var runs = MixedRuns;
        Assert.True(runs.Select(r => r.TaskAnswers).Distinct().Count() > 1, "the sample should mix numbers of task answers");
        var bins = new CountBins(runs, 40);
        Assert.False(bins.Uniform);
        Assert.Equal(1, bins.Exact(runs, 10, 10).Sum(), 12);
        Assert.Equal(1, bins.Observed(runs, 0).Sum(), 12);
        Assert.Equal(1, bins.Observed(runs, 1).Sum(), 12);
    }

    [Fact]
    public void Each_bin_of_the_exact_curve_is_the_pmf_summed_over_the_support_points_it_holds_averaged_over_runs()
    {
        var runs = MixedRuns.Where(r => r.TaskAnswers > 0).ToList();
        var bins = new CountBins(runs, 40);
        Assert.Equal(runs.Max(r => r.TaskAnswers) + 1, bins.Count);
        var exact = bins.Exact(runs, 10, 10);
        for (var k = 0; k < bins.Count; k++)
        {
            // A run with m task answers has support 0..m; bin k holds its point x = k, if m reaches it.
            var bin = k;
            var expected = runs.Sum(run => run.TaskAnswers >= bin ? BetaBinomial.Pmf(bin, run.TaskAnswers, 10, 10) : 0) / runs.Count;
            Assert.Equal(expected, exact[k], 12);
        }
    }

    [Fact]
    public void Observed_runs_each_count_once_in_the_bin_of_their_final_count()
    {
        RunOutcome[] runs = [new([3, 27]), new([30, 0]), new([3, 25], otherCount: 2), new([0, 0], otherCount: 30)];
        var bins = new CountBins(runs, 30);
        var observed = bins.Observed(runs, 0);
        Assert.Equal(31, observed.Length);
        Assert.Equal(2.0 / 3, observed[3], 12); // the run without task answers has no share and is not counted
        Assert.Equal(1.0 / 3, observed[30], 12);
        Assert.Equal(1, observed.Sum(), 12);
    }

    [Fact]
    public void Runs_that_all_have_the_same_number_of_task_answers_make_each_bin_a_share_and_the_exact_curve_the_pmf()
    {
        var runs = Enumerable.Range(0, 31).Select(x => new RunOutcome([x, 30 - x])).ToList();
        var bins = new CountBins(runs, 30);
        Assert.True(bins.Uniform);
        var exact = bins.Exact(runs, 10, 5);
        var pmf = BetaBinomial.Probabilities(30, 10, 5);
        Assert.All(Enumerable.Range(0, 31), k => Assert.Equal(pmf[k], exact[k], 15));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_calibrated_urns_exact_curve_rises_to_one_peak_and_falls_without_a_zig_zag(bool mixed)
    {
        // 30 turns have 31 possible shares: bins 0.05 wide held one or two of them, and rounding the shares of runs
        // with other answers to one grid left bins empty; both made the exact curve zig-zag.
        var runs = mixed ? MixedRuns : Enumerable.Repeat(new RunOutcome([15, 15]), 200).ToList();
        var exact = new CountBins(runs, 30).Exact(runs, 10, 10);
        var peak = Array.IndexOf(exact, exact.Max());
        for (var k = 1; k <= peak; k++)
        {
            Assert.True(exact[k] > exact[k - 1], $"bin {k} is below bin {k - 1} before the peak at {peak}");
        }

        for (var k = peak + 1; k < exact.Length; k++)
        {
            Assert.True(exact[k] < exact[k - 1], $"bin {k} is above bin {k - 1} after the peak at {peak}");
        }
    }

    [Fact]
    public void Runs_longer_than_the_bins_are_rejected_naming_the_count()
    {
        var bins = new CountBins([new RunOutcome([5, 5])], 10);
        var error = Assert.Throws<ArgumentException>(() => bins.Observed([new RunOutcome([11, 1])], 0));
        Assert.Contains("11 answers of task 0", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountBins([], 0));
    }
}
