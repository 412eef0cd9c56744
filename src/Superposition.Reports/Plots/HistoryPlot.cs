using ScottPlot;
using Superposition.Summaries;

namespace Superposition.Reports.Plots;

/// <summary>
/// The nightly history of one experiment and distribution: the paper-comparable (prefix-inclusive) KL_raw, and
/// KL_raw and KL_norm of P(answer + "\n"), over dates, one series per model, with bootstrap intervals; infinite
/// values drawn on a dotted "∞" line. A panel no run has numbers for is left out.
/// </summary>
public static class HistoryPlot
{
    public static string NameFor(string experiment, string distribution) => $"history-{Slug.Of(experiment)}-{Slug.Of(distribution)}";

    public static RenderedPlot Render(IReadOnlyList<HistoryEntry> history, string experiment, string distribution)
    {
        ArgumentNullException.ThrowIfNull(history);
        var entries = history.Where(e => e.Experiment == experiment).OrderBy(e => e.Date).ToList();
        if (entries.Count == 0)
        {
            throw new ArgumentException($"The history has no entry of experiment '{experiment}'.", nameof(history));
        }

        var title = $"{experiment}, {distribution}: KL over nightly runs";
        var panels = new (string Title, Func<HistoryHeadline, MetricSummary?> Metric)[]
            {
                ($"{distribution}: paper-comparable KL_raw over dates", h => h.PrefixKlRaw),
                ($"{distribution}: KL_raw over dates", h => h.KlRaw),
                ($"{distribution}: KL_norm over dates", h => h.KlNormalized),
            }
            .Where(p => entries.Any(e => e.Headlines.Any(h => h.Distribution == distribution && p.Metric(h) is not null)))
            .Select(p => Panel(entries, distribution, p.Title, p.Metric))
            .ToArray();
        return panels.Length == 0
            ? throw new ArgumentException($"The history of '{experiment}' has no KL of distribution '{distribution}'.", nameof(distribution))
            : Figure.Render(NameFor(experiment, distribution), title, Math.Max(PlotStyle.Width, PlotStyle.Width * panels.Length * 5 / 6), PlotStyle.Height, panels);
    }

    private static Plot Panel(List<HistoryEntry> entries, string distribution, string title, Func<HistoryHeadline, MetricSummary?> metric)
    {
        var plot = PlotStyle.Create(title, "run date (UTC)", "mean KL(D‖P) over prompts (nats)");
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Bottom.TickLabelStyle.FontSize = PlotStyle.TickSize;
        var points = entries.SelectMany(e => e.Headlines.Where(h => h.Distribution == distribution && metric(h) is not null).Select(h => (e.Date, h))).ToList();
        var marks = InfinityMarks.For(points.SelectMany(p => new[] { metric(p.h)!.Mean, metric(p.h)!.High }));
        var models = points.Select(p => p.h).OrderBy(h => h.ParameterCount ?? double.PositiveInfinity).ThenBy(h => h.Model, StringComparer.Ordinal)
            .Select(h => h.Model).Distinct(StringComparer.Ordinal).ToList();
        for (var m = 0; m < models.Count; m++)
        {
            var color = PlotStyle.ColorOf(m);
            var series = points.Where(p => p.h.Model == models[m]).ToList();
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var (date, h) in series)
            {
                var x = date.UtcDateTime.ToOADate();
                var value = metric(h)!;
                if (double.IsPositiveInfinity(value.Mean))
                {
                    marks.Arrow(plot, x, Math.Min(value.Low, marks.Cap), color);
                    continue;
                }

                xs.Add(x);
                ys.Add(value.Mean);
                var line = plot.Add.Line(x, value.Low, x, marks.Y(value.High));
                line.Color = color.WithAlpha(0.6);
                line.LineWidth = 2;
            }

            var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
            scatter.LegendText = models[m];
            scatter.MarkerShape = PlotStyle.MarkerOf(m);
            scatter.MarkerSize = 9;
        }

        marks.Note(plot, "some prompt gave a task probability 0");
        var dates = entries.Select(e => e.Date.UtcDateTime.ToOADate()).ToList();
        var pad = Math.Max(0.5, (dates.Max() - dates.Min()) * 0.05);
        plot.Axes.SetLimits(dates.Min() - pad, dates.Max() + pad, -0.02 * marks.Top, marks.Top);
        PlotStyle.Legend(plot);
        return plot;
    }
}
