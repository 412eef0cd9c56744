using ScottPlot;

namespace Superposition.Reports.Plots;

/// <summary>
/// Places values that may be +∞ on a linear axis: finite values as they are, infinite ones on a "cap" line above
/// the largest finite value, drawn with an upward arrow and the note "∞", so that an infinite KL is visible and
/// never turned into NaN or dropped silently.
/// </summary>
internal sealed class InfinityMarks
{
    private InfinityMarks(double cap, double top, bool any)
    {
        Cap = cap;
        Top = top;
        AnyInfinite = any;
    }

    /// <summary>Where infinite values are drawn.</summary>
    public double Cap { get; }

    /// <summary>Upper axis limit (above the cap when something is infinite).</summary>
    public double Top { get; }

    public bool AnyInfinite { get; }

    public static InfinityMarks For(IEnumerable<double> values)
    {
        var list = values.ToList();
        var finite = list.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var any = list.Any(double.IsPositiveInfinity);
        var top = Math.Max(finite * 1.12, 0.05);
        return any ? new InfinityMarks(top, top * 1.15, true) : new InfinityMarks(top, top, false);
    }

    /// <summary>The y at which to draw a value.</summary>
    public double Y(double value) => double.IsPositiveInfinity(value) ? Cap : value;

    /// <summary>Draws an arrow from <paramref name="from"/> up to the cap, ending in "∞".</summary>
    public void Arrow(Plot plot, double x, double from, Color color)
    {
        var arrow = plot.Add.Arrow(x, from, x, Cap);
        arrow.ArrowLineColor = color;
        arrow.ArrowFillColor = color;
        arrow.ArrowLineWidth = 0;
        arrow.ArrowWidth = 2;
        arrow.ArrowheadWidth = 12;
        var text = plot.Add.Text("∞", x, Cap);
        text.LabelFontSize = PlotStyle.TickSize + 2;
        text.LabelFontColor = color;
        text.LabelAlignment = Alignment.LowerCenter;
        text.OffsetY = -2;
    }

    /// <summary>A dotted cap line and a note explaining it, when anything is infinite.</summary>
    public void Note(Plot plot, string what)
    {
        if (!AnyInfinite)
        {
            return;
        }

        var line = plot.Add.HorizontalLine(Cap, 1, PlotStyle.Grey, LinePattern.Dotted);
        line.LegendText = string.Empty;
        var note = plot.Add.Annotation($"↑ ∞: {what}", Alignment.UpperRight);
        note.LabelFontSize = PlotStyle.TickSize;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        note.LabelBorderColor = PlotStyle.Grey;
        note.LabelShadowColor = Colors.Transparent;
    }
}
