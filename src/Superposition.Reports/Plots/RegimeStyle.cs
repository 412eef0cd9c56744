using ScottPlot;
using Superposition.Training;

namespace Superposition.Reports.Plots;

/// <summary>One colour and marker per training regime, the same in every plot of the trained sweep's page.</summary>
internal static class RegimeStyle
{
    public static Color ColorOf(RegimeKind? regime) => PlotStyle.ColorOf(Index(regime));

    public static MarkerShape MarkerOf(RegimeKind? regime) => PlotStyle.MarkerOf(Index(regime));

    // Models without a record get black, far from the two regimes' blue and vermilion.
    private static int Index(RegimeKind? regime) => regime switch
    {
        RegimeKind.SingleTask => 0,
        RegimeKind.Dirichlet => 1,
        _ => 6,
    };
}
