using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Tests.Plots;

public sealed class SweepCalibrationPlotTests
{
    private static MeasureSummary Measure(double mean, double low, double high, double polya) =>
        new(8, 8, 0, new MetricSummary(mean, low, high), new MetricSummary(mean / 2, low / 2, high / 2), new MetricSummary(1, 1, 1), mean, mean / 2, [0.5, 0.5],
            new PolyaComparison(1, new MetricSummary(polya, polya - 0.01, polya + 0.01), new MetricSummary(polya, polya, polya), polya, polya, [0.5, 0.5]));

    private static DistributionSummary Distribution(string name, MeasureSummary? terminated, MeasureSummary? prefix = null) =>
        new(name, [0.5, 0.5], 8, Scores.ScoringCost.None, terminated, prefix);

    [Fact]
    public void A_models_point_is_the_mean_of_its_distributions_means_with_whiskers_from_the_lowest_low_to_the_highest_high()
    {
        var model = new ModelSummary("m", 1e4, [Distribution("D1", Measure(0.1, 0.05, 0.2, 0.01)), Distribution("D2", Measure(0.4, 0.3, 0.9, 0.03)), Distribution("D3", Measure(0.7, 0.02, 0.8, 0.05))], null);
        var raw = SweepCalibrationPlot.Aggregate(model, m => m.KlRaw)!;
        Assert.Equal(0.4, raw.Mean, 12);
        Assert.Equal(0.02, raw.Low, 12);
        Assert.Equal(0.9, raw.High, 12);
        Assert.Equal(3, raw.Distributions);
        var polya = SweepCalibrationPlot.Aggregate(model, m => m.Polya?.KlRaw)!;
        Assert.Equal(0.03, polya.Mean, 12);
        Assert.Equal(0.0, polya.Low, 12);
        Assert.Equal(0.06, polya.High, 12);
    }

    [Fact]
    public void A_model_with_only_the_prefix_measure_is_read_under_it_and_one_without_the_KL_has_no_point()
    {
        var prefixOnly = new ModelSummary("p", 1e4, [Distribution("D1", null, Measure(0.3, 0.2, 0.4, 0.1)), Distribution("D2", null, Measure(0.5, 0.4, 0.6, 0.1))], null);
        Assert.Equal(0.4, SweepCalibrationPlot.Aggregate(prefixOnly, m => m.KlRaw)!.Mean, 12);
        Assert.Null(SweepCalibrationPlot.Aggregate(prefixOnly, _ => null));
    }
}
