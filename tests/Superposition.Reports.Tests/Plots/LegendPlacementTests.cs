using ScottPlot;
using SkiaSharp;
using Superposition.Reports.Plots;
using PlotStyle = Superposition.Reports.Plots.PlotStyle;

namespace Superposition.Reports.Tests.Plots;

/// <summary>No legend hides data: every plot the reports draw, on the sample summaries and the committed sweeps.</summary>
public sealed class LegendPlacementTests
{
    private static readonly TrainedSweep Sweep = new(SweepSamples.Models, SweepSamples.Calibration, SweepSamples.Collapse);

    // The committed sweeps' records (models/train-numbers-*), whose real curves end where a fixed legend stood.
    private static readonly Lazy<TrainedSweep> Committed = new(() => new TrainedSweep(
        [.. from regime in new[] { "dirichlet", "single" }
            from folder in Directory.GetDirectories(Path.Combine(RepositoryRoot(), "models", "train-numbers-" + regime)).Order(StringComparer.Ordinal)
            select Superposition.Training.TrainedModelRecord.Read(folder, $"train-numbers-{regime}-{Path.GetFileName(folder)}")],
        null,
        null));

    /// <summary>Every plot of the reports that has a legend, drawn as the reports draw it.</summary>
    public static TheoryData<string> Plots => ["fig6", "exponent", "mean-probability", "equal-kl", "collapse-shares", "trajectories", "history", "heldout-curves", "heldout-by-line", "sweep-calibration", "sweep-exponent", "sweep-collapse", "committed-heldout-curves", "committed-heldout-by-line"];

    private static RenderedPlot Render(string name) => name switch
    {
        "heldout-curves" => HeldoutCurvePlot.Render(Sweep)!,
        "heldout-by-line" => HeldoutByLinePlot.Render(Sweep)!,
        "sweep-calibration" => SweepCalibrationPlot.Render(Sweep)!,
        "sweep-exponent" => SweepExponentPlot.Render(Sweep)!,
        "sweep-collapse" => SweepCollapsePlot.Render(Sweep)!,
        "committed-heldout-curves" => HeldoutCurvePlot.Render(Committed.Value)!,
        "committed-heldout-by-line" => HeldoutByLinePlot.Render(Committed.Value)!,
        _ => PlotRenderingTests.Render(name),
    };

    [Theory]
    [MemberData(nameof(Plots))]
    public void No_legend_box_covers_a_drawn_point(string name)
    {
        var plot = Render(name);

        Assert.NotEmpty(plot.Panels);
        foreach (var panel in plot.Panels)
        {
            var points = LegendPlacement.DrawnPoints(panel);
            if (LegendPlacement.Box(panel) is { } box)
            {
                Assert.DoesNotContain(points, box.Contains);
            }
            else if (panel.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().Any())
            {
                // A legend beside the axes: every point is inside the data area, which the legend panel does not enter.
                Assert.All(points, p => Assert.True(panel.RenderManager.LastRender.DataRect.Contains(p)));
            }
        }
    }

    [Fact]
    public void The_computed_legend_box_is_where_the_legend_is_drawn()
    {
        // The legend's outline drawn in pure red on a white panel: its red pixels' bounds are the box it was drawn in.
        var plot = PlotWithPoints([(0.5, 0.5)]);
        plot.Legend.OutlineColor = Colors.Red;
        plot.Legend.OutlineWidth = 1;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.Alignment = Alignment.LowerLeft;

        using var image = plot.GetImage(PlotStyle.Width, PlotStyle.Height);
        using var bitmap = SKBitmap.Decode(image.GetImageBytes());
        var red = Enumerable.Range(0, bitmap.Width).SelectMany(x => Enumerable.Range(0, bitmap.Height).Select(y => (x, y)))
            .Where(p => bitmap.GetPixel(p.x, p.y) is { Red: > 200, Green: < 60, Blue: < 60 })
            .ToList();
        var box = LegendPlacement.Box(plot)!.Value;

        Assert.NotEmpty(red);
        Assert.InRange(red.Min(p => p.x), box.Left - 2, box.Left + 2);
        Assert.InRange(red.Max(p => p.x), box.Right - 2, box.Right + 2);
        Assert.InRange(red.Min(p => p.y), box.Top - 2, box.Top + 2);
        Assert.InRange(red.Max(p => p.y), box.Bottom - 2, box.Bottom + 2);
    }

    [Fact]
    public void A_legend_asked_for_where_a_point_falls_moves_to_a_corner_with_no_point()
    {
        // Points in the upper-right corner, where the legend is asked for.
        var plot = PlotWithPoints([(0.98, 0.98), (0.95, 0.97), (0.99, 0.93), (0.5, 0.5)]);
        PlotStyle.Legend(plot, Alignment.UpperRight);
        LegendPlacement.Layout(plot, PlotStyle.Width, PlotStyle.Height);
        Assert.Contains(LegendPlacement.DrawnPoints(plot), LegendPlacement.Box(plot)!.Value.Contains);

        LegendPlacement.Place(plot, PlotStyle.Width, PlotStyle.Height);

        Assert.NotEqual(Alignment.UpperRight, plot.Legend.Alignment);
        Assert.DoesNotContain(LegendPlacement.DrawnPoints(plot), LegendPlacement.Box(plot)!.Value.Contains);
    }

    [Fact]
    public void A_legend_that_would_cover_a_point_everywhere_inside_goes_beside_the_axes()
    {
        // A grid of points dense enough that no place inside the axes is free.
        var grid = from x in Enumerable.Range(0, 41) from y in Enumerable.Range(0, 41) select (x / 40.0, y / 40.0);
        var plot = PlotWithPoints([.. grid]);
        PlotStyle.Legend(plot);

        LegendPlacement.Place(plot, PlotStyle.Width, PlotStyle.Height);
        LegendPlacement.Layout(plot, PlotStyle.Width, PlotStyle.Height);

        Assert.Null(LegendPlacement.Box(plot));
        Assert.Single(plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
        Assert.Equal(PlotStyle.LegendSize, plot.Legend.FontSize);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Serverless.sln above {AppContext.BaseDirectory}.");
    }

    private static Plot PlotWithPoints(IReadOnlyList<(double X, double Y)> points)
    {
        var plot = PlotStyle.Create("points", "x", "y");
        var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        scatter.LineWidth = 0;
        scatter.LegendText = "a series with a long enough name";
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
