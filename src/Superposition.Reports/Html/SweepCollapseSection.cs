using Superposition.Collapse;

namespace Superposition.Reports.Html;

/// <summary>
/// The trained sweep page's collapse section, from the collapse experiment: per regime and initial setting, the
/// observed collapse index (with its binomial standard error) beside the calibrated urn's exact value (the Pólya
/// urn from n + α with a Pólya comparison) and the beta-urn's, against size; the table of the numbers with the
/// dispersion tests against both urns and the chi-square fit; and the regime contrast (rows by each test's
/// verdict). Left out when no collapse summary was given.
/// </summary>
internal static class SweepCollapseSection
{
    public static void Render(HtmlWriter html, TrainedSweep sweep, TrainedSweepPlots plots)
    {
        if (sweep.Collapse is not { } collapse)
        {
            return;
        }

        html.Line("<h2 id=\"collapse-by-size\">Collapse by model size</h2>");
        html.Line($"<p>From <code>{HtmlWriter.Text(collapse.Experiment)}</code>. Collapse index: the share of runs whose dominant task took at least 90% of the generated task answers.</p>");
        html.Line("<div class=\"read\"><p><strong>How to read this.</strong> A model that answers each turn with the Pólya predictive of its context is a Pólya urn: started from the initial counts plus α, its collapse index is known exactly, and the Bayes-optimal dirichlet model would show an observed collapse index equal to the urn's, up to the sampling error of the runs. Above the urn the runs collapse more than a calibrated model's (β &gt; 1), below it they stay nearer their start (β &lt; 1). The beta-urn is the urn with the β and biases fitted on the model's calibration experiment, simulated: it shows how much of the observed collapse that fit accounts for.</p></div>");
        var rows = sweep.CollapseModels;
        if (rows.Count == 0)
        {
            html.Line($"<p>The summary has no multi-turn runs: {TrainedSweepPage.NotAvailable}.</p>");
            return;
        }

        if (plots.Collapse is not null)
        {
            html.PngFigure(plots.Collapse, "One panel per initial setting; x: parameters on a log scale; colour by regime. Solid: observed collapse index with ±1 binomial standard error; dashed, open circles: the urn's exact collapse index; dotted, open diamonds: the beta-urn's (simulated). Models of unknown size are left out; the table has every value.");
        }

        html.Line("<p>The dispersion ratio is the runs' spread over the urn's expectation, with its two-sided p: above 1 the runs spread apart more than the urn's (collapse-like), below 1 they stay nearer the start (flattened). Against the beta-urn the expectation and the p come from data sets simulated from it with the runs' numbers of task answers. The verdict reads the test at p &lt; 0.05. χ² is the goodness of fit of the final counts to the urn, with the runs it could test: runs whose number of task answers too few other runs share cannot be.</p>");
        html.Line("<table id=\"collapse-table\"><thead><tr><th>Model</th><th>Regime</th><th>Parameters</th><th>Initial setting</th><th>Runs</th><th>Other rate</th><th>Observed collapse index</th><th>± standard error</th><th>Urn (exact)</th><th>Beta-urn (simulated)</th><th>Dispersion vs urn</th><th>p</th><th>Verdict vs urn</th><th>Dispersion vs beta-urn</th><th>p</th><th>Verdict vs beta-urn</th><th>p (χ² fit to urn)</th><th>Runs in χ²</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var setting = row.SettingLabel();
            var r = row.Report;
            var urn = HtmlWriter.Text(row.UrnName());
            html.Line($"<tr data-model=\"{HtmlWriter.Text(row.Model)}\" data-setting=\"{HtmlWriter.Text(setting)}\"><td>{HtmlWriter.Text(row.Model)}</td><td>{TrainedSweepPage.RegimeCell(sweep.RegimeOf(row.Model))}</td>"
                + $"<td class=\"n\">{TrainedSweepPage.ParametersOrNa(sweep.ParametersOf(row.Model, row.ParameterCount), row.Model)}</td>"
                + $"<td>{HtmlWriter.Text(setting)}</td><td class=\"n\">{HtmlWriter.Count(r.Observed.Runs, "runs", row.Model)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Number(r.Observed.OtherRate, "other-rate", row.Model, setting)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Number(r.Observed.CollapseIndex, "collapse-index-observed", row.Model, setting)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Number(r.Observed.CollapseIndexStandardError, "collapse-index-se", row.Model, setting)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Number(r.CalibratedUrn.CollapseIndex, "collapse-index-urn", row.Model, setting)} <span class=\"ci\">{urn}</span></td>"
                + $"<td class=\"n\">{TrainedSweepPage.NumberOrNa(r.BetaUrn?.CollapseIndex, "collapse-index-beta-urn", row.Model, setting)}</td>"
                + Dispersion(r.Dispersion, "urn", row.Model, setting) + Dispersion(r.BetaUrnDispersion, "beta-urn", row.Model, setting)
                + $"<td class=\"n\">{(r.Fit.Runs == 0 ? HtmlWriter.Marked(TrainedSweepPage.NotAvailable, "fit-p", row.Model, setting, "mean") : HtmlWriter.Marked(Statistics.PValueText.Of(r.Fit.PValue), "fit-p", row.Model, setting, "mean"))}</td>"
                + $"<td class=\"n\">{HtmlWriter.Marked(r.Fit.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture), "fit-runs", row.Model, setting, "mean")}</td></tr>");
        }

        html.Line("</tbody></table>");
        Contrast(html, sweep);
    }

    /// <summary>Ratio, p and verdict cells of one dispersion test; n/a where there is none (no beta-urn).</summary>
    private static string Dispersion(DispersionTest? test, string against, string model, string setting) => test is null
        ? string.Concat(new[] { $"dispersion-{against}", $"dispersion-{against}-p", $"verdict-{against}" }.Select(metric => $"<td class=\"n\">{HtmlWriter.Marked(TrainedSweepPage.NotAvailable, metric, model, setting, "mean")}</td>"))
        : $"<td class=\"n\">{HtmlWriter.Number(test.Ratio, $"dispersion-{against}", model, setting)}</td>"
            + $"<td class=\"n\">{HtmlWriter.Marked(Statistics.PValueText.Of(test.PValue), $"dispersion-{against}-p", model, setting, "mean")}</td>"
            + $"<td>{HtmlWriter.Marked(SweepFindings.Label(test.VerdictAt(SweepFindings.Level)), $"verdict-{against}", model, setting, "mean")}</td>";

    /// <summary>The regime contrast: per regime, its (model, start) rows by each dispersion test's verdict.</summary>
    private static void Contrast(HtmlWriter html, TrainedSweep sweep)
    {
        html.Line("<h3 id=\"regime-contrast\">Regime contrast</h3>");
        html.Line("<p>Per regime, its (model, start) rows counted by the dispersion test's verdict at p &lt; 0.05: consistent with the urn, over-dispersed (collapse-like) or under-dispersed (flattened). A calibrated dirichlet model would be consistent with the Pólya urn from n + α; one that collapses is over-dispersed.</p>");
        html.Line("<table id=\"regime-contrast-table\"><thead><tr><th>Regime</th><th>Rows</th><th>vs urn: consistent</th><th>over-dispersed</th><th>under-dispersed</th><th>vs beta-urn: consistent</th><th>over-dispersed</th><th>under-dispersed</th></tr></thead><tbody>");
        foreach (var c in SweepFindings.Contrast(sweep))
        {
            var regime = TrainedSweep.RegimeLabel(c.Regime);
            html.Line($"<tr data-regime=\"{HtmlWriter.Text(regime)}\"><td>{TrainedSweepPage.RegimeCell(c.Regime)}</td><td class=\"n\">{HtmlWriter.Count(c.Rows, "rows", regime)}</td>"
                + Counts(c.VersusUrn, "urn", regime) + Counts(c.VersusBetaUrn, "beta-urn", regime) + "</tr>");
        }

        html.Line("</tbody></table>");
    }

    private static string Counts(SweepFindings.VerdictCounts counts, string against, string regime) =>
        $"<td class=\"n\">{HtmlWriter.Count(counts.Consistent, $"consistent-{against}", regime)}</td>"
        + $"<td class=\"n\">{HtmlWriter.Count(counts.OverDispersed, $"over-{against}", regime)}</td>"
        + $"<td class=\"n\">{HtmlWriter.Count(counts.UnderDispersed, $"under-{against}", regime)}</td>";
}
