using ScottPlot;
using ScottPlot.TickGenerators;

namespace Superposition.Reports.Plots;

/// <summary>
/// A bottom axis of model size for plots of series across sizes: x is log10 of the parameter count, ticked at
/// 1, 2 and 5 × 10^k and labelled as sizes are elsewhere (<see cref="ModelLabels.Parameters"/>: 10K, 20K, 100K).
/// Points are drawn with their interval as a vertical whisker and joined within a series, since x is a real scale.
/// </summary>
internal static class SizeAxis
{
    public const string Title = "parameters (log scale)";

    /// <summary>Sets x limits (every size with room around it) and size ticks for the given parameter counts.</summary>
    public static void Apply(Plot plot, IReadOnlyCollection<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (parameters.Count == 0)
        {
            return;
        }

        var (min, max) = (Math.Log10(parameters.Min()), Math.Log10(parameters.Max()));
        var pad = Math.Max(0.25, 0.08 * (max - min));
        var (left, right) = (min - pad, max + pad);
        var ticks = Ticks(left, right, [1, 2, 5]);
        if (ticks.Count < 3)
        {
            ticks = Ticks(left, right, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        }

        plot.Axes.Bottom.TickGenerator = new NumericManual([.. ticks], [.. ticks.Select(t => ModelLabels.Parameters(Math.Pow(10, t)))]);
        plot.Axes.SetLimitsX(left, right);
    }

    /// <summary>
    /// One series: a marker per point at log10 of its parameters, its interval (when given and finite) as a
    /// whisker, the points joined in order of size with <paramref name="pattern"/>.
    /// </summary>
    public static void Series(Plot plot, string legend, Color color, MarkerShape marker, LinePattern pattern, IEnumerable<SizePoint> points)
    {
        var ordered = points.Where(p => p.Parameters > 0 && double.IsFinite(p.Parameters) && double.IsFinite(p.Value)).OrderBy(p => p.Parameters).ToList();
        if (ordered.Count == 0)
        {
            return;
        }

        foreach (var p in ordered)
        {
            if (p.Low is { } low && p.High is { } high && double.IsFinite(low) && double.IsFinite(high))
            {
                var x = Math.Log10(p.Parameters);
                var whisker = plot.Add.Line(x, low, x, high);
                whisker.Color = color;
                whisker.LineWidth = 2;
            }
        }

        var series = plot.Add.Scatter(ordered.Select(p => Math.Log10(p.Parameters)).ToArray(), ordered.Select(p => p.Value).ToArray(), color);
        series.LegendText = legend;
        series.MarkerShape = marker;
        series.MarkerSize = 10;
        series.LineWidth = 1.5f;
        series.LinePattern = pattern;
    }

    private static List<double> Ticks(double left, double right, double[] multiples) =>
        [.. Enumerable.Range((int)Math.Floor(left), (int)Math.Ceiling(right) - (int)Math.Floor(left) + 1)
            .SelectMany(k => multiples.Select(m => Math.Log10(m) + k))
            .Where(t => t >= left && t <= right)];
}
