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
            html.PngFigure(plot, HtmlWriter.Text(plot.Title) + ". Left KL_raw (the paper's number), right KL_norm (calibration alone).");
        }

        html.Line("<table id=\"history\"><thead><tr><th>Date (UTC)</th><th>Run</th><th>Experiment</th><th>Model</th><th>Distribution</th><th>KL_raw [95% CI]</th><th>KL_norm [95% CI]</th><th>Valid mass [95% CI]</th></tr></thead><tbody>");
        foreach (var entry in history.OrderBy(e => e.Date))
        {
            foreach (var h in entry.Headlines)
            {
                html.Line($"<tr data-run=\"{HtmlWriter.Text(entry.RunId)}\"><td>{entry.Date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</td><td>{HtmlWriter.Text(entry.RunId)}</td><td>{HtmlWriter.Text(entry.Experiment)}</td><td>{HtmlWriter.Text(h.Model)}</td><td>{HtmlWriter.Text(h.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Interval(h.KlRaw.Mean, h.KlRaw.Low, h.KlRaw.High, "kl-raw", h.Model, h.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Interval(h.KlNormalized.Mean, h.KlNormalized.Low, h.KlNormalized.High, "kl-norm", h.Model, h.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Interval(h.ValidMass.Mean, h.ValidMass.Low, h.ValidMass.High, "valid-mass", h.Model, h.Distribution)}</td></tr>");
            }
        }

        html.Line("</tbody></table>");
        return html.End();
    }

    private static IEnumerable<(string Experiment, string Distribution)> Groups(IReadOnlyList<HistoryEntry> history) =>
        history.SelectMany(e => e.Headlines.Select(h => (e.Experiment, h.Distribution))).Distinct();
}
