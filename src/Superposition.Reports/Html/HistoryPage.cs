using System.Globalization;
using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Html;

/// <summary>The nightly history: per experiment and distribution, KL over dates per model, and the table of every entry.</summary>
public static class HistoryPage
{
    /// <summary>The plots of the page: one per (experiment, distribution), in order of first appearance.</summary>
    public static IReadOnlyList<RenderedPlot> Plots(IReadOnlyList<HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return [.. Groups(history).Select(g => HistoryPlot.Render(history, g.Experiment, g.Distribution))];
    }

    public static string Render(IReadOnlyList<HistoryEntry> history, IReadOnlyList<RenderedPlot> plots)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(plots);
        var html = new HtmlWriter();
        html.Begin("Superposition nightly history");
        html.Line("<h1>Superposition nightly history</h1>");
        html.Line($"<p class=\"meta\">{history.Count} runs. Mean KL over prompts per model and date, with 95% bootstrap intervals; ∞ where some prompt gave a task probability 0.</p>");
        foreach (var plot in plots)
        {
            html.PngFigure(plot, HtmlWriter.Text(plot.Title) + ". Left the paper-comparable KL_raw (prefix-inclusive P), middle KL_raw and right KL_norm of P(answer + \\n) (calibration alone).");
        }

        html.Line("<table id=\"history\"><thead><tr><th>Date (UTC)</th><th>Run</th><th>Experiment</th><th>Model</th><th>Distribution</th><th>KL_raw, paper-comparable [95% CI]</th><th>KL_raw [95% CI]</th><th>KL_norm [95% CI]</th><th>Valid mass [95% CI]</th></tr></thead><tbody>");
        foreach (var entry in history.OrderBy(e => e.Date))
        {
            foreach (var h in entry.Headlines)
            {
                html.Line($"<tr data-run=\"{HtmlWriter.Text(entry.RunId)}\"><td>{entry.Date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</td><td>{HtmlWriter.Text(entry.RunId)}</td><td>{HtmlWriter.Text(entry.Experiment)}</td><td>{HtmlWriter.Text(h.Model)}</td><td>{HtmlWriter.Text(h.Distribution)}</td>"
                    + $"<td class=\"n\">{Interval(h.PrefixKlRaw, "kl-raw-prefix", h)}</td>"
                    + $"<td class=\"n\">{Interval(h.KlRaw, "kl-raw", h)}</td>"
                    + $"<td class=\"n\">{Interval(h.KlNormalized, "kl-norm", h)}</td>"
                    + $"<td class=\"n\">{Interval(h.ValidMass, "valid-mass", h)}</td></tr>");
            }
        }

        html.Line("</tbody></table>");
        return html.End();
    }

    private static string Interval(MetricSummary? metric, string name, HistoryHeadline h) =>
        metric is null ? "–" : HtmlWriter.Interval(metric.Mean, metric.Low, metric.High, name, h.Model, h.Distribution);

    private static IEnumerable<(string Experiment, string Distribution)> Groups(IReadOnlyList<HistoryEntry> history) =>
        history.SelectMany(e => e.Headlines.Select(h => (e.Experiment, h.Distribution))).Distinct();
}
