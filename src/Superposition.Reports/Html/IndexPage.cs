using System.Globalization;
using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Html;

/// <summary>One experiment on the index page: its summary and the link to its report.</summary>
public sealed record IndexEntry(ExperimentSummary Summary, string ReportHref);

/// <summary>
/// The index across experiments: a link per experiment and its headline numbers per model and distribution: the
/// paper-comparable (prefix-inclusive) KL_raw, and KL_raw, KL_norm, valid mass and β of P(answer + "\n") (β of the
/// prefix-inclusive P where that is the only measure).
/// </summary>
public static class IndexPage
{
    public static string Render(IReadOnlyList<IndexEntry> entries, string? historyHref = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var html = new HtmlWriter();
        html.Begin("Superposition reports");
        html.Line("<h1>Superposition reports</h1>");
        if (historyHref is not null)
        {
            html.Line($"<p><a href=\"{HtmlWriter.Text(historyHref)}\">Nightly history</a></p>");
        }

        html.Line("<table id=\"experiments\"><thead><tr><th>Experiment</th><th>Generated (UTC)</th><th>Model</th><th>Distribution</th><th>KL_raw, paper-comparable</th><th>KL_raw</th><th>KL_norm</th><th>Valid mass</th><th>β</th></tr></thead><tbody>");
        foreach (var entry in entries.OrderBy(e => e.Summary.Experiment, StringComparer.Ordinal))
        {
            var s = entry.Summary;
            var link = $"<a href=\"{HtmlWriter.Text(entry.ReportHref)}\">{HtmlWriter.Text(s.Experiment)}</a>";
            var date = s.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var rows = ModelLabels.Ordered(s.Models).SelectMany(m => m.Distributions.Select(d => (m, d))).ToList();
            if (rows.Count == 0)
            {
                html.Line($"<tr data-experiment=\"{HtmlWriter.Text(s.Experiment)}\"><td>{link}</td><td>{date}</td><td colspan=\"7\">no results yet</td></tr>");
                continue;
            }

            foreach (var (m, d) in rows)
            {
                html.Line($"<tr data-experiment=\"{HtmlWriter.Text(s.Experiment)}\"><td>{link}</td><td>{date}</td><td>{HtmlWriter.Text(m.Model)}</td><td>{HtmlWriter.Text(d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(d.Prefix?.KlRaw.Mean, "kl-raw-prefix", m.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(d.Terminated?.KlRaw.Mean, "kl-raw", m.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(d.Terminated?.KlNormalized.Mean, "kl-norm", m.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(d.Terminated?.ValidMass.Mean, "valid-mass", m.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number((m.Exponent ?? m.PrefixExponent)?.Beta, "beta", m.Model)}</td></tr>");
            }
        }

        html.Line("</tbody></table>");
        return html.End();
    }
}
