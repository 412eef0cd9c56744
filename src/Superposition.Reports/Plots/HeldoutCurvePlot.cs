using ScottPlot;
using Superposition.Training;

namespace Superposition.Reports.Plots;

/// <summary>
/// Held-out loss over training steps, one line per trained model: the regime sets the colour (and the marker),
/// the model's size its shade (darker is larger), and each regime's Bayes-optimal held-out loss, when known, is a
/// dashed horizontal line in the regime's colour.
/// </summary>
internal static class HeldoutCurvePlot
{
    public const string Name = "heldout-curves";

    /// <summary>The plot; null when no model recorded a curve.</summary>
    public static RenderedPlot? Render(TrainedSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var models = sweep.Models.Where(m => m.HeldoutCurve.Any(p => double.IsFinite(p.Loss))).ToList();
        if (models.Count == 0)
        {
            return null;
        }

        const string title = "Held-out loss during training";
        var plot = PlotStyle.Create(title, "training step", "held-out loss (nats per scored token)");
        foreach (var regime in TrainedSweep.Regimes(models.Select(m => (RegimeKind?)m.Spec.Regime.Kind)))
        {
            var color = RegimeStyle.ColorOf(regime);
            var group = models.Where(m => m.Spec.Regime.Kind == regime).ToList();
            for (var i = 0; i < group.Count; i++)
            {
                var curve = group[i].HeldoutCurve.Where(p => double.IsFinite(p.Loss)).OrderBy(p => p.Step).ToList();

                // Smaller models lighter: the order of shades is the order of sizes within the regime.
                var line = plot.Add.Scatter(curve.Select(p => (double)p.Step).ToArray(), curve.Select(p => p.Loss).ToArray(), RegimeStyle.ShadeOf(regime, i, group.Count));
                line.LegendText = $"{TrainedSweep.RegimeLabel(regime)} {group[i].Size} ({ModelLabels.Parameters(group[i].Parameters)})";
                line.LineWidth = 2;
                line.MarkerShape = RegimeStyle.MarkerOf(regime);
                line.MarkerSize = 5;
            }

            foreach (var bayes in group.Select(m => m.Evaluation?.Heldout.BayesOptimalLoss).OfType<double>().Where(double.IsFinite).Distinct())
            {
                var floor = plot.Add.HorizontalLine(bayes);
                floor.Color = color;
                floor.LineWidth = 1.5f;
                floor.LinePattern = LinePattern.Dashed;
                floor.LegendText = $"{TrainedSweep.RegimeLabel(regime)}: Bayes-optimal loss";
            }
        }

        PlotStyle.Legend(plot, Alignment.UpperRight);
        return Figure.Render(Name, title, PlotStyle.Width, PlotStyle.Height, plot);
    }
}
