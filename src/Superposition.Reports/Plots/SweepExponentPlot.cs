using ScottPlot;

namespace Superposition.Reports.Plots;

/// <summary>
/// The calibration exponent β of each trained model against its size (x = log10 of the parameter count), one
/// series per regime, with its bootstrap interval as a whisker, and the dashed line β = 1 (calibrated). Each model
/// under its primary measure (<see cref="Measures.PrimaryOf"/>); models whose β could not be fitted, or of unknown
/// size, are left out (the page's table shows them).
/// </summary>
internal static class SweepExponentPlot
{
    public const string Name = "sweep-beta";

    /// <summary>The plot; null without a fitted β of a model of known size.</summary>
    public static RenderedPlot? Render(TrainedSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var points = sweep.CalibrationModels
            .Select(m => (Regime: sweep.RegimeOf(m.Model), Parameters: sweep.ParametersOf(m.Model, m.ParameterCount), Exponent: m.ExponentOf(Measures.PrimaryOf(m))))
            .Where(m => m.Parameters is not null && m.Exponent is { Identifiable: true, Beta: not null })
            .ToList();
        if (points.Count == 0)
        {
            return null;
        }

        const string title = "Calibration exponent β by model size";
        var plot = PlotStyle.Create(title, SizeAxis.Title, "β (slope of ln P against ln D)");
        foreach (var regime in TrainedSweep.Regimes(points.Select(p => p.Regime)))
        {
            SizeAxis.Series(plot, TrainedSweep.RegimeLabel(regime), RegimeStyle.ColorOf(regime), RegimeStyle.MarkerOf(regime), LinePattern.Solid,
                points.Where(p => p.Regime == regime).Select(p => new SizePoint(p.Parameters!.Value, p.Exponent!.Beta!.Value, p.Exponent.Low, p.Exponent.High)));
        }

        var calibrated = plot.Add.HorizontalLine(1);
        calibrated.Color = PlotStyle.Grey;
        calibrated.LineWidth = 1.5f;
        calibrated.LinePattern = LinePattern.Dashed;
        calibrated.LegendText = "β = 1 (calibrated)";
        SizeAxis.Apply(plot, [.. points.Select(p => p.Parameters!.Value)]);
        PlotStyle.Legend(plot, Alignment.UpperRight);
        return Figure.Render(Name, title, PlotStyle.Width, PlotStyle.Height, plot);
    }
}
