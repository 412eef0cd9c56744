using ScottPlot;
using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>
/// Collapse of the trained sweep against model size: one panel per initial setting, x = log10 of the parameter
/// count; per regime (its colour) the observed collapse index with ±1 binomial standard error (solid), the
/// calibrated urn's exact collapse index (dashed; the Pólya urn from n + α with a Pólya comparison) and the
/// beta-urn's (dotted). Models of unknown size are left out (the page's table shows them).
/// </summary>
internal static class SweepCollapsePlot
{
    public const string Name = "sweep-collapse";

    /// <summary>The plot; null without a collapse row of a model of known size.</summary>
    public static RenderedPlot? Render(TrainedSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var rows = sweep.CollapseModels
            .Select(m => (Row: m, Regime: sweep.RegimeOf(m.Model), Parameters: sweep.ParametersOf(m.Model, m.ParameterCount)))
            .Where(m => m.Parameters is not null)
            .ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var settings = rows.Select(r => r.Row.SettingLabel()).Distinct(StringComparer.Ordinal).ToList();
        var (width, height) = Fig6KlPlot.PanelSize(settings.Count);
        var panels = settings.Select(setting =>
        {
            var plot = PlotStyle.Create($"Collapse index, initial {setting}", SizeAxis.Title, "share of runs that collapsed");
            var inSetting = rows.Where(r => r.Row.SettingLabel() == setting).ToList();
            foreach (var regime in TrainedSweep.Regimes(inSetting.Select(r => r.Regime)))
            {
                var group = inSetting.Where(r => r.Regime == regime).ToList();
                var label = TrainedSweep.RegimeLabel(regime);
                var color = RegimeStyle.ColorOf(regime);
                SizeAxis.Series(plot, $"{label}: observed", color, RegimeStyle.MarkerOf(regime), LinePattern.Solid,
                    group.Select(r => Observed(r.Row, r.Parameters!.Value)));
                SizeAxis.Series(plot, $"{label}: {group[0].Row.UrnName()} (exact)", color, MarkerShape.OpenCircle, LinePattern.Dashed,
                    group.Select(r => new SizePoint(r.Parameters!.Value, r.Row.Report.CalibratedUrn.CollapseIndex)));
                SizeAxis.Series(plot, $"{label}: beta-urn (simulated)", color, MarkerShape.OpenDiamond, LinePattern.Dotted,
                    group.Where(r => r.Row.Report.BetaUrn is not null).Select(r => new SizePoint(r.Parameters!.Value, r.Row.Report.BetaUrn!.CollapseIndex)));
            }

            SizeAxis.Apply(plot, [.. rows.Select(r => r.Parameters!.Value)]);
            plot.Axes.SetLimitsY(-0.05, 1.05);
            PlotStyle.Legend(plot, Alignment.UpperLeft);
            return plot;
        }).ToArray();
        return Figure.Render(Name, "Collapse of the trained sweep by model size", width * panels.Length, height, panels);
    }

    private static SizePoint Observed(CollapseModelSummary row, double parameters)
    {
        var observed = row.Report.Observed;
        return new SizePoint(parameters, observed.CollapseIndex, observed.CollapseIndex - observed.CollapseIndexStandardError, observed.CollapseIndex + observed.CollapseIndexStandardError);
    }
}
