using ScottPlot;
using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>
/// Calibration of one model: the mean probability P̄_i of each task's answer against the task's share D_i of
/// the examples, one series per distribution, beside the line P = D that a calibrated model with valid mass 1
/// would follow. Points below the line by a common factor show lost mass (s &lt; 1), not miscalibration. P is
/// P(answer + "\n") where the model has it, else the prefix-inclusive P (<see cref="Measures.PrimaryOf"/>).
/// </summary>
public static class MeanProbabilityPlot
{
    public static string NameFor(ModelSummary model) => "mean-probability-" + Slug.Of(model.Model);

    public static RenderedPlot Render(ModelSummary model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var measure = Measures.PrimaryOf(model);
        var title = $"{model.Model}: mean P per task against D";
        var plot = PlotStyle.Create(title, "D_i: task's share of the examples", $"mean {Measures.Label(measure)} over prompts");
        var top = 0.0;
        for (var j = 0; j < model.Distributions.Count; j++)
        {
            var d = model.Distributions[j];
            if (d.Of(measure) is not { } m)
            {
                continue;
            }

            var xs = d.Target.ToArray();
            var ys = m.MeanProbabilities.ToArray();
            top = Math.Max(top, Math.Max(xs.DefaultIfEmpty(0).Max(), ys.DefaultIfEmpty(0).Max()));
            var points = plot.Add.Markers(xs, ys, PlotStyle.MarkerOf(j), 11, PlotStyle.ColorOf(j));
            points.LegendText = $"{d.Distribution} (valid mass {PlotStyle.Short(m.ValidMass.Mean)})";
        }

        top = Math.Min(1, Math.Max(top * 1.1, 0.05));
        var diagonal = plot.Add.Line(0, 0, top, top);
        diagonal.Color = PlotStyle.Grey;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LineWidth = 1.5f;
        diagonal.LegendText = "P = D (calibrated, no lost mass)";
        plot.Axes.SetLimits(0, top, 0, top);
        PlotStyle.Legend(plot);
        return Figure.Render(NameFor(model), title, PlotStyle.Width, PlotStyle.Height, plot);
    }
}
