using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Tests.Plots;

public sealed class SweepCalibrationPlotTests
{
    private static MeasureSummary Measure(double mean) =>
        new(8, 8, 0, new MetricSummary(mean, mean, mean), new MetricSummary(mean, mean, mean), new MetricSummary(1, 1, 1), mean, mean, [0.5, 0.5]);

    private static DistributionSummary Distribution(string name, MeasureSummary? terminated, MeasureSummary? prefix = null) =>
        new(name, [0.5, 0.5], 8, Scores.ScoringCost.None, terminated, prefix);

    private static AcrossDistributions Across(double mean, double low, double high, double polya) =>
        new(3, 24, new MetricSummary(mean, low, high), new MetricSummary(mean / 2, low / 2, high / 2), new MetricSummary(1, 1, 1),
            new MetricSummary(polya, polya - 0.01, polya + 0.01), new MetricSummary(polya, polya, polya));

    [Fact]
    public void A_models_point_is_its_summarys_mean_across_distributions_with_that_interval()
    {
        // The per-distribution means (0.1, 0.4, 0.7) are not what the plot reads: the summary's numbers across
        // distributions carry the stratified interval, which a whisker from the lowest low to the highest high is not.
        var model = new ModelSummary("m", 1e4, [Distribution("D1", Measure(0.1)), Distribution("D2", Measure(0.4)), Distribution("D3", Measure(0.7))], null,
            Across: Across(0.4, 0.35, 0.46, 0.03));

        Assert.Same(model.Across!.KlRaw, SweepCalibrationPlot.Aggregate(model, a => a.KlRaw));
        Assert.Equal(new MetricSummary(0.4, 0.35, 0.46), model.Across.KlRaw);
        Assert.Same(model.Across.PolyaKlRaw, SweepCalibrationPlot.Aggregate(model, a => a.PolyaKlRaw));
    }

    [Fact]
    public void A_model_with_only_the_prefix_measure_is_read_under_it_and_one_without_the_KL_has_no_point()
    {
        var prefixOnly = new ModelSummary("p", 1e4, [Distribution("D1", null, Measure(0.3)), Distribution("D2", null, Measure(0.5))], null,
            PrefixAcross: Across(0.4, 0.3, 0.5, 0.1));

        Assert.Equal(0.4, SweepCalibrationPlot.Aggregate(prefixOnly, a => a.KlRaw)!.Mean, 12);
        Assert.Null(SweepCalibrationPlot.Aggregate(prefixOnly, _ => null));
        Assert.Null(SweepCalibrationPlot.Aggregate(prefixOnly with { PrefixAcross = null }, a => a.KlRaw));
    }

    [Fact]
    public void An_infinite_mean_has_no_point()
    {
        var model = new ModelSummary("m", 1e4, [Distribution("D1", Measure(1)), Distribution("D2", Measure(1))], null,
            Across: Across(double.PositiveInfinity, 1, double.PositiveInfinity, 0.1));

        Assert.Null(SweepCalibrationPlot.Aggregate(model, a => a.KlRaw));
    }
}
