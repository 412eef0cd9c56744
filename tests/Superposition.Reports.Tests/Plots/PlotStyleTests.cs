using ScottPlot.TickGenerators;
using Superposition.Reports.Plots;

namespace Superposition.Reports.Tests.Plots;

public sealed class PlotStyleTests
{
    [Fact]
    public void Automatic_axis_ticks_write_a_tick_at_negative_zero_without_a_sign_and_keep_their_other_labels()
    {
        var plot = PlotStyle.Create("t", "x", "y");
        foreach (ScottPlot.IAxis axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            // ScottPlot's own formatter writes −0.0 as "-0".
            var format = ((NumericAutomatic)axis.TickGenerator).LabelFormatter;
            Assert.Equal("0", format(-0.0));
            Assert.Equal("-0.05", format(-0.05));
            Assert.Equal("0.25", format(0.25));
        }
    }

    [Theory]
    [InlineData(-0.0001, "0")]
    [InlineData(-0.0, "0")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(double.PositiveInfinity, "∞")]
    public void A_short_number_in_a_legend_that_rounds_to_zero_has_no_sign(double value, string shown) =>
        Assert.Equal(shown, PlotStyle.Short(value));
}
