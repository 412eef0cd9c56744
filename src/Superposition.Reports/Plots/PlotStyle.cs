using ScottPlot;
using ScottPlot.TickGenerators;
using Superposition.Statistics;

namespace Superposition.Reports.Plots;

/// <summary>
/// The look shared by every plot: sans-serif fonts large enough to read when the image is shown at half size,
/// a colour-blind-safe palette (Okabe–Ito) and white backgrounds.
/// </summary>
internal static class PlotStyle
{
    /// <summary>Width and height of a single-panel plot, in pixels.</summary>
    public const int Width = 900;

    public const int Height = 560;

    /// <summary>Width of a two-panel figure (two plots side by side).</summary>
    public const int WideWidth = 1500;

    public const float TitleSize = 20;
    public const float LabelSize = 17;
    public const float TickSize = 14;
    public const float LegendSize = 14;

    /// <summary>Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"),
        Color.FromHex("#D55E00"),
        Color.FromHex("#009E73"),
        Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"),
        Color.FromHex("#56B4E9"),
        Color.FromHex("#000000"),
        Color.FromHex("#F0E442"),
    ];

    public static readonly Color Grey = Color.FromHex("#777777");

    public static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle,
        MarkerShape.FilledSquare,
        MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleUp,
        MarkerShape.FilledTriangleDown,
        MarkerShape.OpenCircle,
        MarkerShape.OpenSquare,
        MarkerShape.OpenDiamond,
    ];

    /// <summary>The first installed of DejaVu Sans and Liberation Sans (Debian's defaults), else ScottPlot's sans.</summary>
    public static readonly string FontName =
        new[] { "DejaVu Sans", "Liberation Sans" }.FirstOrDefault(Installed) ?? Fonts.Sans;

    private static bool Installed(string family)
    {
        using var typeface = SkiaSharp.SKTypeface.FromFamilyName(family);
        return typeface?.FamilyName == family;
    }

    public static Color ColorOf(int index) => Palette[index % Palette.Length];

    public static MarkerShape MarkerOf(int index) => Markers[index % Markers.Length];

    /// <summary>A new plot with title, axis labels (which should name units) and the shared fonts.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        UnsignedZeroTicks(plot.Axes.Bottom.TickGenerator);
        UnsignedZeroTicks(plot.Axes.Left.TickGenerator);
        plot.Legend.FontSize = LegendSize;
        return plot;
    }

    /// <summary>
    /// ScottPlot's automatic tick labels keep its choice of decimals but lose the sign of a tick at −0.0, which
    /// ScottPlot's formatter writes "-0".
    /// </summary>
    private static void UnsignedZeroTicks(ITickGenerator generator)
    {
        if (generator is NumericAutomatic automatic)
        {
            var format = automatic.LabelFormatter;
            automatic.LabelFormatter = value => NumberText.WithoutSignedZero(format(value));
        }
    }

    /// <summary>Shows the legend in the upper-left corner, or wherever asked.</summary>
    public static void Legend(Plot plot, Alignment alignment = Alignment.UpperLeft)
    {
        plot.ShowLegend(alignment);
        plot.Legend.FontSize = LegendSize;
    }

    /// <summary>Invariant short number for tick labels and notes; one that rounds to zero has no sign.</summary>
    public static string Short(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : NumberText.Of(value, "0.###");
}
