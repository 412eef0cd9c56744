using ScottPlot;
using ScottPlot.TickGenerators;
using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>
/// The paper's Fig. 6: mean KL over prompts for each model, models ordered by parameter count, one series per
/// distribution with its bootstrap interval. Three panels: KL_raw of the prefix-inclusive P, the number that is
/// comparable with the paper's (the authors scored answers without an end); KL_raw of P(answer + "\n"), what the
/// model generates; and KL_norm of P(answer + "\n"), calibration alone. A panel no model has numbers for is left
/// out. An infinite mean or interval end is drawn as an arrow up to a dotted "∞" line, with a note.
/// </summary>
public static class Fig6KlPlot
{
    public const string Name = "fig6-kl";

    public static RenderedPlot Render(ExperimentSummary summary)
    {
        var panels = Panels(summary);
        return Figure.Render(Name, $"{summary.Experiment}: KL(D‖P) by model", Math.Max(PlotStyle.Width, PlotStyle.Width * panels.Length * 5 / 6), PlotStyle.Height, panels);
    }

    /// <summary>The panels: prefix-inclusive KL_raw (paper-comparable), then KL_raw and KL_norm of P(answer + "\n"), each where some model has it.</summary>
    internal static Plot[] Panels(ExperimentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Models.Count == 0)
        {
            throw new ArgumentException($"The summary of '{summary.Experiment}' has no models to plot.", nameof(summary));
        }

        var models = ModelLabels.Ordered(summary.Models);
        var panels = new List<Plot>();
        foreach (var (title, metric) in new (string, Func<DistributionSummary, MetricSummary?>)[]
        {
            ("KL_raw, prefix-inclusive P: comparable with the paper's Fig. 6", d => d.Prefix?.KlRaw),
            ("KL_raw, P(answer + \\n): what the model generates", d => d.Terminated?.KlRaw),
            ("KL_norm, P(answer + \\n): calibration alone", d => d.Terminated?.KlNormalized),
        })
        {
            if (models.Any(m => m.Distributions.Any(d => metric(d) is not null)))
            {
                panels.Add(Panel(models, title, metric));
            }
        }

        return panels.Count > 0 ? [.. panels] : throw new ArgumentException($"The summary of '{summary.Experiment}' has no KL to plot.", nameof(summary));
    }

    private static Plot Panel(IReadOnlyList<ModelSummary> models, string title, Func<DistributionSummary, MetricSummary?> metric)
    {
        var plot = PlotStyle.Create(title, "model (ordered by parameter count)", "mean KL(D‖P) over prompts (nats)");
        var distributions = models.SelectMany(m => m.Distributions.Select(d => d.Distribution)).Distinct(StringComparer.Ordinal).ToList();
        var marks = InfinityMarks.For(models.SelectMany(m => m.Distributions.Select(metric).OfType<MetricSummary>().SelectMany(x => new[] { x.Mean, x.High })));
        var dodge = distributions.Count > 1 ? Math.Min(0.25, 0.6 / distributions.Count) : 0;
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

                var x = i + ((j - ((distributions.Count - 1) / 2.0)) * dodge);
                if (double.IsPositiveInfinity(m.Mean))
                {
                    marks.Arrow(plot, x, Math.Min(m.Low, marks.Cap), color);
                    continue;
                }

                xs.Add(x);
                ys.Add(m.Mean);
                if (double.IsPositiveInfinity(m.High))
                {
                    ErrorSegment(plot, x, m.Low, m.Mean, color);
                    marks.Arrow(plot, x, m.Mean, color);
                }
                else
                {
                    ErrorSegment(plot, x, m.Low, m.High, color);
                }
            }

            var series = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
            series.LegendText = distributions[j];
            series.MarkerShape = PlotStyle.MarkerOf(j);
            series.MarkerSize = 10;
            series.LineWidth = 1.5f;
        }

        marks.Note(plot, "some prompt gave a task probability 0");
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            [.. Enumerable.Range(0, models.Count).Select(i => (double)i)],
            [.. models.Select(ModelLabels.Tick)]);
        plot.Axes.SetLimits(-0.6, models.Count - 0.4, -0.02 * marks.Top, marks.Top);
        PlotStyle.Legend(plot);
        return plot;
    }

    private static void ErrorSegment(Plot plot, double x, double low, double high, Color color)
    {
        var line = plot.Add.Line(x, low, x, high);
        line.Color = color;
        line.LineWidth = 2;
        const double cap = 0.04;
        plot.Add.Line(x - cap, low, x + cap, low).Color = color;
        plot.Add.Line(x - cap, high, x + cap, high).Color = color;
    }
}
