using ScottPlot;
using ScottPlot.Panels;
using ScottPlot.Plottables;
using Superposition.Reports.Plots;
using Superposition.Training;

namespace Superposition.Reports.Tests.Plots;

/// <summary>The held-out loss per line, drawn from the sample sweep's evaluations (6 lines each, one model without them, one unevaluated).</summary>
public sealed class HeldoutByLinePlotTests
{
    private static readonly TrainedSweep Sweep = new(SweepSamples.Models, null, null);

    private static List<Scatter> Series(Plot panel) => [.. panel.GetPlottables().OfType<Scatter>()];

    [Fact]
    public void Each_regime_has_a_panel_with_one_series_per_size_that_has_per_line_losses_and_one_dashed_black_bayes_series()
    {
        var panels = HeldoutByLinePlot.Panels(Sweep);

        Assert.Equal(["Held-out loss per line: single-task", "Held-out loss per line: dirichlet"], panels.Select(p => p.Axes.Title.Label.Text));
        string[][] sizes = [["l1-w16"], ["l1-w16", "l3-w56"]];
        string[] regimes = ["single", "dirichlet"];
        for (var r = 0; r < panels.Length; r++)
        {
            var series = Series(panels[r]);
            var models = series.Where(s => s.LegendText != HeldoutByLinePlot.BayesLegend).ToList();
            Assert.Equal(sizes[r], models.Select(s => s.LegendText.Split(' ')[0]));
            Assert.Equal(sizes[r].Length + 1, series.Count);
            foreach (var (model, size) in models.Zip(sizes[r]))
            {
                var lines = SweepSamples.Models.Single(m => m.Name == $"train-numbers-{regimes[r]}-{size}").Evaluation!.Heldout.ByLine!;
                var points = model.Data.GetScatterPoints();
                Assert.Equal(SweepSamples.Lines, points.Count);
                Assert.Equal(lines.Select(l => (double)l.Line), points.Select(p => p.X));
                Assert.Equal(lines.Select(l => l.Loss), points.Select(p => p.Y));
            }

            var bayes = Assert.Single(series, s => s.LegendText == HeldoutByLinePlot.BayesLegend);
            Assert.Equal(SweepSamples.Lines, bayes.Data.GetScatterPoints().Count);
            Assert.Equal(LinePattern.Dashed, bayes.LinePattern);
            Assert.Equal(Colors.Black, bayes.LineColor);
            var floor = SweepSamples.Models.First(m => m.Spec.Regime.Kind == (r == 0 ? RegimeKind.SingleTask : RegimeKind.Dirichlet) && m.Evaluation?.Heldout.ByLine is not null).Evaluation!.Heldout.ByLine!;
            Assert.Equal(floor.Select(l => l.BayesOptimalLoss!.Value), bayes.Data.GetScatterPoints().Select(p => p.Y));
        }
    }

    [Fact]
    public void Sizes_of_a_regime_are_shaded_darker_for_larger_as_in_the_held_out_curves()
    {
        var dirichlet = HeldoutByLinePlot.Panels(Sweep)[1];
        var (small, large) = (Series(dirichlet)[0], Series(dirichlet)[1]);

        Assert.Equal(RegimeStyle.ColorOf(RegimeKind.Dirichlet), large.LineColor);
        Assert.NotEqual(large.LineColor, small.LineColor);
        Assert.True(small.LineColor.Red + small.LineColor.Green + small.LineColor.Blue > large.LineColor.Red + large.LineColor.Green + large.LineColor.Blue, "the smaller model should be lighter");
    }

    [Fact]
    public void The_legend_stands_outside_the_axes_so_it_covers_no_point()
    {
        var panels = HeldoutByLinePlot.Panels(Sweep);
        var (width, height) = Fig6KlPlot.PanelSize(panels.Length);
        foreach (var panel in panels)
        {
            panel.GetImage(width, height).Dispose(); // the layout Figure draws the panel with

            var render = panel.RenderManager.LastRender;
            var data = render.DataRect;
            var legend = Assert.Single(panel.Axes.GetPanels().OfType<LegendPanel>());
            using var paint = Paint.NewDisposablePaint();
            var box = legend.GetPanelRect(data, render.Layout.PanelSizes[legend], render.Layout.PanelOffsets[legend], paint);

            // Nothing is drawn inside the axes as a legend; the legend's box is right of them, inside the image.
            Assert.False(panel.Legend.IsVisible, "a legend is also drawn inside the axes");
            Assert.True(box.Width > 50 && box.Left >= data.Right && box.Right <= width, $"legend [{box.Left:0}, {box.Right:0}] beside data [{data.Left:0}, {data.Right:0}] in {width} px");

            // Every point lies in the data area, so none can be under the legend.
            foreach (var series in Series(panel))
            {
                foreach (var point in series.Data.GetScatterPoints())
                {
                    var pixel = panel.GetPixel(point);
                    Assert.True(data.Contains(pixel), $"{series.LegendText} at ({point.X}, {point.Y}) is drawn at {pixel}, outside the data area {data}");
                    Assert.False(box.Contains(pixel), $"{series.LegendText} at ({point.X}, {point.Y}) is under the legend");
                }
            }
        }
    }

    [Theory]
    [InlineData(6, new[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(61, new[] { 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60 })]
    public void The_line_axis_is_ticked_on_whole_lines_only(int last, int[] expected)
    {
        var plot = new Plot();
        plot.Axes.Bottom.TickGenerator = HeldoutByLinePlot.LineTicks(last);
        plot.Axes.SetLimitsX(0, last + 1);
        plot.GetImage(Superposition.Reports.Plots.PlotStyle.Width, Superposition.Reports.Plots.PlotStyle.Height).Dispose(); // a tick generator makes its ticks as it is drawn

        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
        Assert.Equal(expected.Select(t => (double)t), ticks.Select(t => t.Position));
        Assert.Equal(expected.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)), ticks.Select(t => t.Label));
    }

    [Fact]
    public void Without_per_line_losses_in_any_evaluation_there_is_no_plot()
    {
        var old = SweepSamples.Models.Select(m => m with { Evaluation = m.Evaluation is { } e ? e with { Heldout = e.Heldout with { ByLine = null } } : null }).ToList();

        Assert.Empty(HeldoutByLinePlot.Panels(new TrainedSweep(old, null, null)));
        Assert.Null(HeldoutByLinePlot.Render(new TrainedSweep(old, null, null)));
        Assert.NotNull(HeldoutByLinePlot.Render(Sweep));
    }
}
