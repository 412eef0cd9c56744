using Superposition.Collapse;

namespace Superposition.Domain.Tests.Collapse;

public sealed class CollapseStatisticsTests
{
    [Fact]
    public void Summary_of_hand_made_runs_uses_shares_of_task_answers()
    {
        RunOutcome[] runs = [new([9, 1]), new([5, 5]), new([10, 0], otherCount: 2), new([0, 0], otherCount: 4)];

        var summary = CollapseStatistics.Summarize(runs);

        Assert.Equal(4, summary.Runs);
        Assert.Equal(3, summary.RunsWithTaskAnswers);
        Assert.Equal(0.8, summary.MeanShares[0], 1e-15);
        Assert.Equal(0.2, summary.MeanShares[1], 1e-15);
        Assert.Equal(2.0 / 3, summary.CollapseIndex, 1e-15); // (9, 1) and (10, 0) have ≥ 90%
        var h91 = -(0.9 * Math.Log(0.9)) - (0.1 * Math.Log(0.1));
        Assert.Equal((h91 + Math.Log(2)) / 3, summary.MeanEntropy, 1e-15);
        Assert.Equal(6.0 / 36, summary.OtherRate, 1e-15);
        Assert.Equal(Math.Sqrt(2.0 / 3 * (1.0 / 3) / 3), summary.CollapseIndexStandardError, 1e-15);
    }

    [Fact]
    public void Runs_with_different_task_counts_throw_naming_runs()
    {
        var ex = Assert.Throws<ArgumentException>(() => CollapseStatistics.Summarize([new RunOutcome([1, 2]), new RunOutcome([1, 2, 3])]));

        Assert.Equal("runs", ex.ParamName);
    }

    [Fact]
    public void No_runs_throw_naming_runs()
    {
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => CollapseStatistics.Summarize([])).ParamName);
    }

    [Fact]
    public void Exact_prediction_for_mixed_totals_averages_the_per_total_predictions()
    {
        double[] a = [2, 3];
        var mixed = UrnPredictions.ExactForTotals(a, [10, 10, 30, 0]);

        var ten = UrnPredictions.Exact(a, 10);
        var thirty = UrnPredictions.Exact(a, 30);
        Assert.Equal(((2 * ten.CollapseIndex) + thirty.CollapseIndex) / 3, mixed.CollapseIndex, 1e-15);
        Assert.Equal(((2 * ten.MeanEntropy) + thirty.MeanEntropy) / 3, mixed.MeanEntropy, 1e-15);
        Assert.Equal(0.4, mixed.MeanShares[0], 1e-15);
    }

    [Fact]
    public void Comparison_of_the_calibrated_urn_agrees_with_its_exact_statistics()
    {
        // From (1, 1, 2) over 40 turns the urn collapses in about 5% of runs: enough to compare the index, not just its zero.
        var report = UrnComparison.Compute([1, 1, 2], turns: 40, runs: 4000, seed: 31);

        Assert.True(report.Exact.CollapseIndex > 0.03, $"exact {report.Exact.CollapseIndex}");
        var sigma = Math.Sqrt(report.Exact.CollapseIndex * (1 - report.Exact.CollapseIndex) / 4000);
        Assert.InRange(report.Simulated.CollapseIndex, report.Exact.CollapseIndex - (5 * sigma), report.Exact.CollapseIndex + (5 * sigma));
        Assert.Equal(report.Exact.MeanEntropy, report.Simulated.MeanEntropy, 0.02);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(report.Exact.MeanShares[i], report.Simulated.MeanShares[i], 0.03);
        }

        Assert.True(report.Fit.PValue > 1e-4, $"p = {report.Fit.PValue}");
    }

    [Fact]
    public void Comparison_with_beta_3_shows_collapse_the_calibrated_urn_does_not_predict()
    {
        var report = UrnComparison.Compute([10, 10], turns: 100, runs: 1000, beta: 3, seed: 32);

        Assert.True(report.Simulated.CollapseIndex > 100 * report.Exact.CollapseIndex);
        Assert.True(report.Simulated.MeanEntropy < report.Exact.MeanEntropy - 0.2);
        Assert.True(report.Fit.PValue < 1e-6);
    }

    [Fact]
    public void Analysis_of_beta_3_runs_is_matched_by_the_beta_urn_and_not_by_the_calibrated_urn()
    {
        double[] a = [10, 10];
        var sharp = new UrnModel(a, beta: 3, otherRate: 0.05);
        var runs = UrnSimulator.Simulate(sharp, 100, 1000, seed: 33).Runs;

        var report = CollapseAnalysis.Analyze(runs, a, seed: 34, betaUrn: sharp, monteCarloSimulations: 99);

        Assert.NotNull(report.BetaUrn);
        var sigma = report.Observed.CollapseIndexStandardError;
        Assert.InRange(report.BetaUrn.CollapseIndex, report.Observed.CollapseIndex - (5 * sigma), report.Observed.CollapseIndex + (5 * sigma));
        Assert.True(report.CalibratedUrn.CollapseIndex < 1e-3);
        Assert.True(report.Fit.PValue < 1e-6);
        Assert.Equal(0.01, report.MonteCarloFit!.PValue, 1e-15);
        Assert.InRange(report.Observed.OtherRate, 0.04, 0.06);
        Assert.True(report.Dispersion!.Ratio > 1.5, $"dispersion ratio {report.Dispersion.Ratio}");
        Assert.Equal(2.0 / (UrnDispersion.DefaultSimulations + 1), report.Dispersion.PValue, 1e-15);
    }

    [Fact]
    public void Comparison_with_beta_one_half_is_under_dispersed_and_rejected_by_both_tests()
    {
        var report = UrnComparison.Compute([10, 10], turns: 100, runs: 500, beta: 0.5, seed: 35, dispersionSimulations: 199);

        Assert.True(report.Dispersion.Ratio < 0.67, $"dispersion ratio {report.Dispersion.Ratio}");
        Assert.Equal(0.01, report.Dispersion.PValue, 1e-15);
        Assert.Equal(199, report.Dispersion.Simulations);
        Assert.True(report.Fit.PValue < 1e-6, $"chi-square p = {report.Fit.PValue}");
    }

    [Fact]
    public void Analysis_rejects_a_beta_urn_over_another_number_of_tasks()
    {
        var runs = new[] { new RunOutcome([5, 5]) };

        var ex = Assert.Throws<ArgumentException>(() => CollapseAnalysis.Analyze(runs, [10, 10], 0, new UrnModel([1, 1, 1], beta: 2)));

        Assert.Equal("betaUrn", ex.ParamName);
    }

    [Fact]
    public void Analysis_lets_the_beta_urn_start_at_the_counts_while_the_calibrated_urn_starts_at_counts_plus_alpha()
    {
        var runs = new[] { new RunOutcome([5, 5]), new RunOutcome([9, 1]) };

        var report = CollapseAnalysis.Analyze(runs, [10.5, 10.5], 0, new UrnModel([10, 10], beta: 2));

        Assert.Equal(UrnPredictions.ExactForTotals([10.5, 10.5], [10, 10]), report.CalibratedUrn);
        Assert.Equal(UrnPredictions.SimulatedForTotals(new UrnModel([10, 10], beta: 2), [10, 10], 0), report.BetaUrn);
    }
}
