using ScottPlot;
using ScottPlot.Plottables;

namespace Superposition.Reports.Plots;

/// <summary>
/// Keeps every legend off the data. A panel is laid out at the size it is drawn at; when its legend (inside the axes,
/// where <see cref="PlotStyle.Legend"/> asks) would cover a drawn point, the legend moves to the first corner or edge
/// middle where it covers none, and when there is no such place, outside the axes to the right. <see cref="Figure"/>
/// does this for every panel it draws, so no plot has to guess where its data will fall (a sweep's last points, a
/// history's newest night).
/// </summary>
internal static class LegendPlacement
{
    // Corners first (they cover least of a typical curve), then the middles of the edges.
    private static readonly Alignment[] Places =
    [
        Alignment.UpperRight, Alignment.UpperLeft, Alignment.LowerRight, Alignment.LowerLeft,
        Alignment.UpperCenter, Alignment.LowerCenter, Alignment.MiddleRight, Alignment.MiddleLeft,
    ];

    /// <summary>Places <paramref name="plot"/>'s legend for a panel of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static void Place(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (!plot.Legend.IsVisible || plot.Legend.GetItems().Length == 0)
        {
            return;
        }

        Layout(plot, width, height);
        var points = DrawnPoints(plot);
        var asked = plot.Legend.Alignment;
        foreach (var place in Places.Prepend(asked).Distinct())
        {
            plot.Legend.Alignment = place;
            if (Box(plot) is { } box && !points.Any(box.Contains))
            {
                return;
            }
        }

        // Every place inside covers a point: beside the axes (a legend panel), which the data area then leaves room for.
        var size = plot.Legend.FontSize;
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = size;
    }

    /// <summary>Lays out the panel at that size, as drawing it would (the data area depends on the size and the axes' labels).</summary>
    public static void Layout(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.GetImage(width, height).Dispose();
    }

    /// <summary>
    /// The box of the legend drawn inside the axes, in the pixels of the last layout, or null when no legend is drawn
    /// inside them (none, or a legend panel beside the axes). Computed as ScottPlot's <see cref="Legend.Render(RenderPack)"/>
    /// places it: the tight layout aligned inside the data area less the legend's margin.
    /// </summary>
    public static PixelRect? Box(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (!plot.Legend.IsVisible || plot.Legend.GetItems().Length == 0)
        {
            return null;
        }

        var inside = plot.RenderManager.LastRender.DataRect.Contract(plot.Legend.Margin);
        using var paint = Paint.NewDisposablePaint();
        return plot.Legend.GetLayout(inside.Size, paint).LegendRect.AlignedInside(inside, plot.Legend.Alignment);
    }

    /// <summary>
    /// The pixels of every drawn data point of the last layout: each scatter's and marker series' points, and each bar's
    /// value end (the top of a vertical bar). Lines across the panel (a floor, a reference) are not points.
    /// </summary>
    public static IReadOnlyList<Pixel> DrawnPoints(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var points = new List<Pixel>();
        foreach (var plottable in plot.GetPlottables().Where(p => p.IsVisible))
        {
            IEnumerable<Coordinates> coordinates = plottable switch
            {
                Scatter scatter => scatter.Data.GetScatterPoints(),
                Markers markers => markers.Data.GetScatterPoints(),
                BarPlot bars => bars.Bars.Where(b => b.IsVisible).Select(b => b.Orientation == Orientation.Vertical ? new Coordinates(b.Position, b.Value) : new Coordinates(b.Value, b.Position)),
                _ => [],
            };

            // Each plottable on its own axes (a right-hand axis maps differently); a point outside the data area is not drawn.
            points.AddRange(coordinates.Where(Finite).Select(plottable.Axes.GetPixel).Where(plot.RenderManager.LastRender.DataRect.Contains));
        }

        return points;
    }

    private static bool Finite(Coordinates point) => double.IsFinite(point.X) && double.IsFinite(point.Y);
}
