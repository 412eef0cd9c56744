using ScottPlot;
using Superposition.Scores;
using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>
/// The calibration exponent: ln P̄_i against ln D_i over all distributions and tasks, one series per model, with a
/// line of the fitted slope β through the model's points' centroid (the fit also has an intercept per
/// distribution and a bias per task, so points scatter around it). Slope 1 is calibrated; steeper is
/// over-confident (winner-take-more), flatter is flattened. Tasks with P̄ = 0 have no logarithm and are left out.
/// Each model is drawn under its primary measure (<see cref="Measures.PrimaryOf"/>), and its legend gives β with
/// its 95% bootstrap interval over prompts.
/// </summary>
public static class ExponentPlot
{
    public const string Name = "exponent";

    public static RenderedPlot Render(ExperimentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        const string title = "Calibration exponent: ln P against ln D, fitted slope β";
        var plot = PlotStyle.Create(title, "ln D_i (task share of the examples, natural log)", "ln mean P_i (natural log)");
        var models = ModelLabels.Ordered(summary.Models);
        var allX = new List<double>();
        var allY = new List<double>();
        for (var m = 0; m < models.Count; m++)
        {
            var model = models[m];
            var measure = Measures.PrimaryOf(model);
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var d in model.Distributions)
            {
                if (d.Of(measure) is not { } measured)
                {
                    continue;
                }

                for (var i = 0; i < d.Target.Count; i++)
                {
                    if (d.Target[i] > 0 && measured.MeanProbabilities[i] > 0)
                    {
                        xs.Add(Math.Log(d.Target[i]));
                        ys.Add(Math.Log(measured.MeanProbabilities[i]));
                    }
                }
            }

            if (xs.Count == 0)
            {
                continue;
            }

            allX.AddRange(xs);
            allY.AddRange(ys);
            var color = PlotStyle.ColorOf(m);
            var points = plot.Add.Markers(xs.ToArray(), ys.ToArray(), PlotStyle.MarkerOf(m), 10, color);
            var exponent = model.ExponentOf(measure);
            if (exponent is { Identifiable: true, Beta: { } beta })
            {
                points.LegendText = $"{ModelLabels.Shorten(model.Model, 28)}: β = {PlotStyle.Short(beta)} [{PlotStyle.Short(exponent.Low ?? double.NaN)}, {PlotStyle.Short(exponent.High ?? double.NaN)}]{(measure == AnswerMeasure.Prefix ? " (prefix P)" : string.Empty)}";
                Slope(plot, xs, ys, beta, color, LinePattern.Solid, null);
            }
            else
            {
                points.LegendText = $"{ModelLabels.Shorten(model.Model, 28)}: β not identifiable";
            }
        }

        if (allX.Count > 0)
        {
            Slope(plot, allX, allY, 1, PlotStyle.Grey, LinePattern.Dashed, "slope 1 (calibrated)");
        }

        PlotStyle.Legend(plot, Alignment.LowerRight);
        return Figure.Render(Name, title, PlotStyle.Width, PlotStyle.Height, plot);
    }

    private static void Slope(Plot plot, List<double> xs, List<double> ys, double beta, Color color, LinePattern pattern, string? legend)
    {
        var cx = xs.Average();
        var cy = ys.Average();
        var x0 = xs.Min() - 0.1;
        var x1 = xs.Max() + 0.1;
        var line = plot.Add.Line(x0, cy + (beta * (x0 - cx)), x1, cy + (beta * (x1 - cx)));
        line.Color = color;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        if (legend is not null)
        {
            line.LegendText = legend;
        }
    }
}
