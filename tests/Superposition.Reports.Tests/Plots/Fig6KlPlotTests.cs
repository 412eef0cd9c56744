using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Tests.Plots;

public sealed class Fig6KlPlotTests
{
    /// <summary>The sample's four models renamed and resized (null: size unknown).</summary>
    private static ExperimentSummary With(params (string Name, double? Parameters)[] models)
    {
        var source = Samples.Summary.Models;
        return Samples.Summary with
        {
            Models = [.. models.Select((m, i) => source[i % source.Count] with { Model = m.Name, ParameterCount = m.Parameters })],
        };
    }

    /// <summary>Five long names of unknown size, one category apart: wider than a category, so they must stagger.</summary>
    private static ExperimentSummary LongNamesOfUnknownSize => With(
        ("reference-calibrated", null), ("reference-sharp-model", null), ("reference-flattened", null), ("reference-biased-one", null), ("reference-leaky-mass", null));

    /// <summary>Sizes all known, two pairs close together on the log axis (7B and 8B, 70B and 72B).</summary>
    private static ExperimentSummary CloseSizes => With(
        ("small-0.5b", 0.5e9), ("mistral-7b-instruct", 7e9), ("llama-3.1-8b-instruct", 8e9), ("llama-3.1-70b", 70e9), ("qwen-2.5-72b", 72e9));

    public static TheoryData<string> Layouts => ["long names of unknown size", "close sizes"];

    private static ExperimentSummary Layout(string name) => name == "close sizes" ? CloseSizes : LongNamesOfUnknownSize;

    [Fact]
    public void With_every_size_known_models_sit_at_log10_of_their_parameters_and_each_distribution_is_joined_by_a_line()
    {
        var summary = CloseSizes;
        foreach (var panel in Fig6KlPlot.Panels(summary))
        {
            var ticks = ((NumericManual)panel.Axes.Bottom.TickGenerator).Ticks.OrderBy(t => t.Position).ToList();
            Assert.Equal(summary.Models.Select(m => Math.Log10(m.ParameterCount!.Value)).Order(), ticks.Select(t => t.Position));
            Assert.Contains("log", panel.Axes.Bottom.Label.Text, StringComparison.Ordinal);
            var series = Series(panel);
            Assert.NotEmpty(series);
            Assert.All(series, s => Assert.True(s.LineStyle.IsVisible && s.LineWidth > 0, $"{s.LegendText} has no line"));
        }
    }

    [Fact]
    public void With_a_size_unknown_models_are_categories_and_no_line_joins_them()
    {
        // The sample has 70B, 7B, 0.5B and one of unknown size: an order, but no distance to draw a trend along.
        foreach (var panel in Fig6KlPlot.Panels(Samples.Summary))
        {
            var ticks = ((NumericManual)panel.Axes.Bottom.TickGenerator).Ticks.OrderBy(t => t.Position).ToList();
            Assert.Equal([0.0, 1, 2, 3], ticks.Select(t => t.Position));
            Assert.Contains("not to scale", panel.Axes.Bottom.Label.Text, StringComparison.Ordinal);
            var series = Series(panel);
            Assert.NotEmpty(series);
            Assert.All(series, s => Assert.False(s.LineStyle.IsVisible && s.LineWidth > 0, $"{s.LegendText} is joined by a line"));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void No_two_model_labels_overlap_in_the_drawn_plot(string layout)
    {
        var panels = Fig6KlPlot.Panels(Layout(layout));
        var (width, height) = Fig6KlPlot.PanelSize(panels.Length);
        var staggered = false;
        foreach (var panel in panels)
        {
            panel.GetImage(width, height).Dispose(); // positions and fonts as Figure draws the panel
            var boxes = Boxes(panel);
            staggered |= boxes.Any(b => b.FirstLine > 0);
            for (var i = 0; i < boxes.Count; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    var sideBySide = a.Right <= b.Left || b.Right <= a.Left;
                    var aboveBelow = a.LastLine < b.FirstLine || b.LastLine < a.FirstLine;
                    Assert.True(sideBySide || aboveBelow, $"'{a.Text}' [{a.Left:0}, {a.Right:0}] overlaps '{b.Text}' [{b.Left:0}, {b.Right:0}] in lines {a.FirstLine}–{a.LastLine} and {b.FirstLine}–{b.LastLine}.");
                }
            }

            // Every label is drawn inside the panel.
            Assert.All(boxes, b => Assert.True(b.Left >= 0 && b.Right <= width, $"'{b.Text}' spans [{b.Left:0}, {b.Right:0}] of {width} pixels."));
        }

        // Both layouts are crowded enough that labels in one row would collide: the test would see it.
        Assert.True(staggered, "no label needed a second row, so the layout was not tested");
    }

    [Fact]
    public void A_negative_paper_comparable_KL_lies_inside_the_axis_and_is_not_cut_off()
    {
        // The sample's large model puts a prefix-inclusive mass above 1 on the tasks: its paper-comparable KL_raw is negative.
        var lowest = Samples.Summary.Models.SelectMany(m => m.Distributions).Min(d => d.Prefix!.KlRaw.Low);
        Assert.True(lowest < 0, "the sample should have a negative prefix-inclusive KL");
        var panel = Fig6KlPlot.Panels(Samples.Summary)[0];
        Assert.True(panel.Axes.GetLimits().Bottom < lowest, $"the axis starts at {panel.Axes.GetLimits().Bottom}, above {lowest}");
    }

    private static List<Scatter> Series(Plot panel) =>
        [.. panel.GetPlottables().OfType<Scatter>().Where(s => Samples.Summary.Models[0].Distributions.Any(d => d.Distribution == s.LegendText))];

    /// <summary>
    /// Each tick label as ScottPlot draws it: centred on its tick's pixel, as wide as its widest line in the axis's
    /// tick font, over the lines it has text in (a label's lines stack from the axis down).
    /// </summary>
    private static List<(string Text, float Left, float Right, int FirstLine, int LastLine)> Boxes(Plot panel)
    {
        using var paint = Paint.NewDisposablePaint();
        var style = panel.Axes.Bottom.TickLabelStyle;
        var boxes = new List<(string, float, float, int, int)>();
        foreach (var tick in ((NumericManual)panel.Axes.Bottom.TickGenerator).Ticks)
        {
            var lines = tick.Label.Split('\n');
            var used = Enumerable.Range(0, lines.Length).Where(i => lines[i].Length > 0).ToList();
            var width = used.Max(i => style.Measure(lines[i], paint).Width);
            var x = panel.GetPixel(new Coordinates(tick.Position, 0)).X;
            boxes.Add((tick.Label.Trim('\n'), x - (width / 2), x + (width / 2), used.Min(), used.Max()));
        }

        return boxes;
    }
}
