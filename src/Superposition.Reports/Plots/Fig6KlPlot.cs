using ScottPlot;
using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>
/// The paper's Fig. 6: mean KL over prompts for each model, models ordered by parameter count, one series per
/// distribution with its bootstrap interval. Three panels: KL_raw of the prefix-inclusive P, the number that is
/// comparable with the paper's (the authors scored answers without an end); KL_raw of P(answer + "\n"), what the
/// model generates; and KL_norm of P(answer + "\n"), calibration alone. A panel no model has numbers for is left
/// out. An infinite mean or interval end is drawn as an arrow up to a dotted "∞" line, with a note. When every
/// model's size is known, x is log10 of the parameter count and each distribution's points are joined by a line;
/// otherwise models are categories and their points stand alone (<see cref="ModelAxis"/>). Model labels are
/// staggered so that none overlaps another (<see cref="TickRows"/>).
/// </summary>
public static class Fig6KlPlot
{
    public const string Name = "fig6-kl";

    public static RenderedPlot Render(ExperimentSummary summary)
    {
        var panels = Panels(summary);
        var (width, height) = PanelSize(panels.Length);
        return Figure.Render(Name, $"{summary.Experiment}: KL(D‖P) by model", width * panels.Length, height, panels);
    }

    /// <summary>Pixel size of one panel of a figure of <paramref name="panels"/> panels side by side.</summary>
    internal static (int Width, int Height) PanelSize(int panels) =>
        (Math.Max(PlotStyle.Width, PlotStyle.Width * panels * 5 / 6) / panels, PlotStyle.Height);

    /// <summary>The panels: prefix-inclusive KL_raw (paper-comparable), then KL_raw and KL_norm of P(answer + "\n"), each where some model has it.</summary>
    internal static Plot[] Panels(ExperimentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Models.Count == 0)
        {
            throw new ArgumentException($"The summary of '{summary.Experiment}' has no models to plot.", nameof(summary));
        }

        var axis = ModelAxis.Of(summary.Models);
        var metrics = new (string Title, Func<DistributionSummary, MetricSummary?> Metric)[]
        {
            ("KL_raw, prefix-inclusive P: comparable with the paper's Fig. 6", d => d.Prefix?.KlRaw),
            ("KL_raw, P(answer + \\n): what the model generates", d => d.Terminated?.KlRaw),
            ("KL_norm, P(answer + \\n): calibration alone", d => d.Terminated?.KlNormalized),
        }.Where(p => axis.Models.Any(m => m.Distributions.Any(d => p.Metric(d) is not null))).ToList();
        if (metrics.Count == 0)
        {
            throw new ArgumentException($"The summary of '{summary.Experiment}' has no KL to plot.", nameof(summary));
        }

        var (width, height) = PanelSize(metrics.Count);
        return [.. metrics.Select(p => Panel(axis, p.Title, p.Metric, width, height))];
    }

    private static Plot Panel(ModelAxis axis, string title, Func<DistributionSummary, MetricSummary?> metric, int width, int height)
    {
        var plot = PlotStyle.Create(title, axis.Title, "mean KL(D‖P) over prompts (nats)");
        var models = axis.Models;
        var distributions = models.SelectMany(m => m.Distributions.Select(d => d.Distribution)).Distinct(StringComparer.Ordinal).ToList();
        var marks = InfinityMarks.For(models.SelectMany(m => m.Distributions.Select(metric).OfType<MetricSummary>().SelectMany(x => new[] { x.Mean, x.High })));
        var dodge = distributions.Count > 1 ? Math.Min(0.25, 0.6 / distributions.Count) * axis.Unit : 0;
        for (var j = 0; j < distributions.Count; j++)
        {
            var color = PlotStyle.ColorOf(j);
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < models.Count; i++)
            {
                if (models[i].Distributions.FirstOrDefault(x => x.Distribution == distributions[j]) is not { } d || metric(d) is not { } m)
                {
                    continue;
                }

                var x = axis.Positions[i] + ((j - ((distributions.Count - 1) / 2.0)) * dodge);
                if (double.IsPositiveInfinity(m.Mean))
                {
                    marks.Arrow(plot, x, Math.Min(m.Low, marks.Cap), color);
                    continue;
                }

                xs.Add(x);
                ys.Add(m.Mean);
                if (double.IsPositiveInfinity(m.High))
                {
                    ErrorSegment(plot, x, m.Low, m.Mean, color, axis.Unit);
                    marks.Arrow(plot, x, m.Mean, color);
                }
                else
                {
                    ErrorSegment(plot, x, m.Low, m.High, color, axis.Unit);
                }
            }

            var series = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
            series.LegendText = distributions[j];
            series.MarkerShape = PlotStyle.MarkerOf(j);
            series.MarkerSize = 10;

            // Categories have an order but no distance: a line between them would read as a trend over size.
            series.LineWidth = axis.BySize ? 1.5f : 0;
            series.LineStyle.IsVisible = axis.BySize;
        }

        marks.Note(plot, "some prompt gave a task probability 0");
        // A prefix-inclusive KL_raw is negative where the valid mass exceeds 1 (an answer that is a prefix of
        // another): the axis reaches down to it rather than cut it off.
        var lowest = models.SelectMany(m => m.Distributions.Select(metric).OfType<MetricSummary>()).SelectMany(x => new[] { x.Low, x.Mean }).Where(double.IsFinite).DefaultIfEmpty(0).Min();
        var (left, right) = axis.Limits;
        plot.Axes.SetLimits(left, right, Math.Min(-0.02 * marks.Top, lowest - (0.04 * (marks.Top - lowest))), marks.Top);
        PlotStyle.Legend(plot);
        TickRows.Apply(plot, axis.Positions, [.. models.Select(ModelLabels.Tick)], width, height);
        return plot;
    }

    private static void ErrorSegment(Plot plot, double x, double low, double high, Color color, double unit)
    {
        var line = plot.Add.Line(x, low, x, high);
        line.Color = color;
        line.LineWidth = 2;
        var cap = 0.04 * unit;
        plot.Add.Line(x - cap, low, x + cap, low).Color = color;
        plot.Add.Line(x - cap, high, x + cap, high).Color = color;
    }
}
