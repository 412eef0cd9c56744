using ScottPlot;
using Superposition.Training;

namespace Superposition.Reports.Plots;

/// <summary>One colour and marker per training regime, and one shade of it per size, the same in every plot of the trained sweep's page.</summary>
internal static class RegimeStyle
{
    public static Color ColorOf(RegimeKind? regime) => PlotStyle.ColorOf(Index(regime));

    public static MarkerShape MarkerOf(RegimeKind? regime) => PlotStyle.MarkerOf(Index(regime));

    /// <summary>
    /// The colour of the <paramref name="rank"/>-th smallest of <paramref name="count"/> models of a regime: the
    /// regime's colour for the largest, lighter for smaller ones, so that size reads the same in every plot.
    /// </summary>
    public static Color ShadeOf(RegimeKind? regime, int rank, int count)
    {
        var color = ColorOf(regime);
        return count <= 1 ? color : color.Lighten(0.55 * (count - 1 - rank) / (count - 1));
    }

    // Models without a record get black, far from the two regimes' blue and vermilion.
    private static int Index(RegimeKind? regime) => regime switch
    {
        RegimeKind.SingleTask => 0,
        RegimeKind.Dirichlet => 1,
        _ => 6,
    };
}
