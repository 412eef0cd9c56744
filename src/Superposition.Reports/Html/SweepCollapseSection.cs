namespace Superposition.Reports.Html;

/// <summary>
/// The trained sweep page's collapse section, from the collapse experiment: per regime and initial setting, the
/// observed collapse index (with its binomial standard error) beside the calibrated urn's exact value (the Pólya
/// urn from n + α with a Pólya comparison) and the beta-urn's, against size, and the table of the numbers. Left
/// out when no collapse summary was given.
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

        html.Line("<table id=\"collapse-table\"><thead><tr><th>Model</th><th>Regime</th><th>Parameters</th><th>Initial setting</th><th>Runs</th><th>Observed collapse index</th><th>± standard error</th><th>Urn (exact)</th><th>Beta-urn (simulated)</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var setting = row.SettingLabel();
            var r = row.Report;
            var urn = HtmlWriter.Text(row.UrnName());
            html.Line($"<tr data-model=\"{HtmlWriter.Text(row.Model)}\" data-setting=\"{HtmlWriter.Text(setting)}\"><td>{HtmlWriter.Text(row.Model)}</td><td>{TrainedSweepPage.RegimeCell(sweep.RegimeOf(row.Model))}</td>"
                + $"<td class=\"n\">{TrainedSweepPage.ParametersOrNa(sweep.ParametersOf(row.Model, row.ParameterCount), row.Model)}</td>"
                + $"<td>{HtmlWriter.Text(setting)}</td><td class=\"n\">{HtmlWriter.Count(r.Observed.Runs, "runs", row.Model)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Number(r.Observed.CollapseIndex, "collapse-index-observed", row.Model, setting)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Number(r.Observed.CollapseIndexStandardError, "collapse-index-se", row.Model, setting)}</td>"
                + $"<td class=\"n\">{HtmlWriter.Number(r.CalibratedUrn.CollapseIndex, "collapse-index-urn", row.Model, setting)} <span class=\"ci\">{urn}</span></td>"
                + $"<td class=\"n\">{TrainedSweepPage.NumberOrNa(r.BetaUrn?.CollapseIndex, "collapse-index-beta-urn", row.Model, setting)}</td></tr>");
        }

        html.Line("</tbody></table>");
    }
}
