using System.Globalization;
using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Html;

/// <summary>One experiment on the index page: its summary and the link to its report.</summary>
public sealed record IndexEntry(ExperimentSummary Summary, string ReportHref);

/// <summary>
/// The index across experiments: a link per experiment and its headline numbers. Calibration experiments show,
/// per model and distribution, the paper-comparable (prefix-inclusive) KL_raw, and KL_raw, KL_norm, valid mass and
/// β of P(answer + "\n") (β of the prefix-inclusive P where that is the only measure); multi-turn (collapse)
/// experiments, whose results are runs rather than prompts, show per model the collapse index beside the urns'
/// and the dispersion ratio. Only an experiment with neither reads "no results yet".
/// </summary>
public static class IndexPage
{
    public static string Render(IReadOnlyList<IndexEntry> entries, string? historyHref = null, IReadOnlyList<IndexLink>? links = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var html = new HtmlWriter();
        html.Begin("Superposition reports");
        html.Line("<h1>Superposition reports</h1>");
        if (historyHref is not null)
        {
            html.Line($"<p><a href=\"{HtmlWriter.Text(historyHref)}\">Nightly history</a></p>");
        }

        if (links is { Count: > 0 })
        {
            html.Line("<ul id=\"pages\">");
            foreach (var link in links)
            {
                var description = link.Description is null ? "" : $": {HtmlWriter.Text(link.Description)}";
                html.Line($"<li><a href=\"{HtmlWriter.Text(link.Href)}\">{HtmlWriter.Text(link.Title)}</a>{description}</li>");
            }

            html.Line("</ul>");
        }

        var ordered = entries.OrderBy(e => e.Summary.Experiment, StringComparer.Ordinal).ToList();
        Calibration(html, [.. ordered.Where(e => e.Summary.Models.Count > 0 || e.Summary.Collapse is not { Count: > 0 })]);
        var collapse = ordered.Where(e => e.Summary.Collapse is { Count: > 0 }).ToList();
        if (collapse.Count > 0)
        {
            Collapse(html, collapse);
        }

        return html.End();
    }

    private static void Calibration(HtmlWriter html, IReadOnlyList<IndexEntry> entries)
    {
        html.Line("<h2>Calibration experiments</h2>");
        html.Line("<table id=\"experiments\"><thead><tr><th>Experiment</th><th>Generated (UTC)</th><th>Model</th><th>Distribution</th><th>KL_raw, paper-comparable</th><th>KL_raw</th><th>KL_norm</th><th>Valid mass</th><th>β</th></tr></thead><tbody>");
        foreach (var entry in entries)
        {
            var s = entry.Summary;
            var rows = ModelLabels.Ordered(s.Models).SelectMany(m => m.Distributions.Select(d => (m, d))).ToList();
            if (rows.Count == 0)
            {
                html.Line($"{Start(entry)}<td colspan=\"7\">no results yet</td></tr>");
                continue;
            }

            foreach (var (m, d) in rows)
            {
                html.Line($"{Start(entry)}<td>{HtmlWriter.Text(m.Model)}</td><td>{HtmlWriter.Text(d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(d.Prefix?.KlRaw.Mean, "kl-raw-prefix", m.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(d.Terminated?.KlRaw.Mean, "kl-raw", m.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(d.Terminated?.KlNormalized.Mean, "kl-norm", m.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(d.Terminated?.ValidMass.Mean, "valid-mass", m.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number((m.Exponent ?? m.PrefixExponent)?.Beta, "beta", m.Model)}</td></tr>");
            }
        }

        html.Line("</tbody></table>");
    }

    private static void Collapse(HtmlWriter html, IReadOnlyList<IndexEntry> entries)
    {
        html.Line("<h2>Multi-turn experiments (collapse)</h2>");
        html.Line("<table id=\"collapse-experiments\"><thead><tr><th>Experiment</th><th>Generated (UTC)</th><th>Model</th><th>Runs</th><th>Collapse index</th><th>Calibrated urn</th><th>Beta-urn</th><th>Dispersion ratio</th></tr></thead><tbody>");
        foreach (var entry in entries)
        {
            foreach (var summary in entry.Summary.Collapse!)
            {
                // A model run from several initial settings has one row per setting, labelled by its counts.
                var m = summary with { Model = CollapseModelSummary.Label(summary, entry.Summary.Collapse!) };
                var r = m.Report;
                html.Line($"{Start(entry)}<td>{HtmlWriter.Text(m.Model)}</td><td class=\"n\">{HtmlWriter.Count(r.Observed.Runs, "runs", m.Model)}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(r.Observed.CollapseIndex, "collapse-index", m.Model, "observed")}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(r.CalibratedUrn.CollapseIndex, "collapse-index", m.Model, "calibrated-urn")}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(r.BetaUrn?.CollapseIndex, "collapse-index", m.Model, "beta-urn")}</td>"
                    + $"<td class=\"n\">{HtmlWriter.Number(r.Dispersion?.Ratio, "dispersion-ratio", m.Model)}</td></tr>");
            }
        }

        html.Line("</tbody></table>");
    }

    /// <summary>The row's start: its experiment, as a link to the report, and when the summary was built.</summary>
    private static string Start(IndexEntry entry)
    {
        var s = entry.Summary;
        var date = s.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"<tr data-experiment=\"{HtmlWriter.Text(s.Experiment)}\"><td><a href=\"{HtmlWriter.Text(entry.ReportHref)}\">{HtmlWriter.Text(s.Experiment)}</a></td><td>{date}</td>";
    }
}
