using System.Globalization;
using Superposition.Nightly;
using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Html;

/// <summary>
/// The nightly history: per experiment and distribution, KL over dates per model, and the table of every entry.
/// A cell whose measure the drift test flagged carries a ⚠ marker (class "drift", with the baseline it differs
/// from); a night the budget did not send is a row saying so; a "Drift" list states the test and every flag.
/// </summary>
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

        RenderDrift(html, history);
        html.Line("<table id=\"history\"><thead><tr><th>Date (UTC)</th><th>Run</th><th>Experiment</th><th>Model</th><th>Distribution</th><th>KL_raw, paper-comparable [95% CI]</th><th>KL_raw [95% CI]</th><th>KL_norm [95% CI]</th><th>Valid mass [95% CI]</th></tr></thead><tbody>");
        foreach (var entry in history.OrderBy(e => e.Date))
        {
            var date = entry.Date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            if (entry.Budget is { WasStarted: false } budget)
            {
                html.Line($"<tr data-run=\"{HtmlWriter.Text(entry.RunId)}\" class=\"skipped\"><td>{date}</td><td>{HtmlWriter.Text(entry.RunId)}</td><td>{HtmlWriter.Text(entry.Experiment)}</td><td colspan=\"6\">{HtmlWriter.Text(Skipped(budget))}</td></tr>");
                continue;
            }

            foreach (var h in entry.Headlines)
            {
                var drift = entry.Drift?.Flags ?? [];
                html.Line($"<tr data-run=\"{HtmlWriter.Text(entry.RunId)}\"><td>{date}</td><td>{HtmlWriter.Text(entry.RunId)}</td><td>{HtmlWriter.Text(entry.Experiment)}</td><td>{HtmlWriter.Text(h.Model)}</td><td>{HtmlWriter.Text(h.Distribution)}</td>"
                    + $"<td class=\"n\">{Interval(h.PrefixKlRaw, "kl-raw-prefix", h)}</td>"
                    + Cell(h.KlRaw, "kl-raw", "klRaw", h, drift)
                    + Cell(h.KlNormalized, "kl-norm", "klNorm", h, drift)
                    + Cell(h.ValidMass, "valid-mass", "validMass", h, drift) + "</tr>");
            }
        }

        html.Line("</tbody></table>");
        return html.End();
    }

    /// <summary>A headline cell; with a ⚠ marker naming the baselines when the drift test flagged that measure.</summary>
    private static string Cell(MetricSummary? metric, string name, string measure, HistoryHeadline h, IReadOnlyList<DriftComparison> flags)
    {
        var flagged = flags.Where(f => f.Model == h.Model && f.Distribution == h.Distribution && f.Measure == measure).Select(f => f.Baseline).ToList();
        return flagged.Count == 0
            ? $"<td class=\"n\">{Interval(metric, name, h)}</td>"
            : $"<td class=\"n drift\" data-drift=\"{HtmlWriter.Text(string.Join(" ", flagged))}\" title=\"drift vs {HtmlWriter.Text(string.Join(" and ", flagged))} run\">{Interval(metric, name, h)} <span class=\"drift-marker\">⚠</span></td>";
    }

    /// <summary>The drift section: what the test is, then every flag of every run (or that none was flagged).</summary>
    private static void RenderDrift(HtmlWriter html, IReadOnlyList<HistoryEntry> history)
    {
        var tested = history.Where(e => e.Drift is not null).OrderBy(e => e.Date).ToList();
        if (tested.Count == 0)
        {
            return;
        }

        html.Line("<h2>Drift</h2>");
        html.Line(FormattableString.Invariant($"<p class=\"meta\">Each complete nightly run is compared with the previous complete run and with the first run, per model, distribution and measure (KL_raw, KL_norm, valid mass of P(answer + \\n)): a percentile bootstrap ({DriftTest.Resamples} resamples) of the difference of mean prompt values, paired over prompts when both runs scored the same prompts and two-sample otherwise, prompts with an infinite value left out, at level 1 − α/m over the run's m comparisons (Bonferroni); flagged (⚠) when the interval excludes 0. Fewer than {DriftTest.MinimumPrompts} prompts: not tested.</p>"));
        var flags = tested.SelectMany(e => e.Drift!.Flags.Select(f => (Entry: e, Flag: f))).ToList();
        if (flags.Count == 0)
        {
            html.Line(FormattableString.Invariant($"<p id=\"drift\">No drift flagged in {tested.Count} tested runs.</p>"));
            return;
        }

        html.Line("<ul id=\"drift\">");
        foreach (var (entry, f) in flags)
        {
            html.Line(FormattableString.Invariant(
                $"<li data-run=\"{HtmlWriter.Text(entry.RunId)}\" data-model=\"{HtmlWriter.Text(f.Model)}\" data-distribution=\"{HtmlWriter.Text(f.Distribution)}\" data-measure=\"{HtmlWriter.Text(f.Measure)}\" data-baseline=\"{HtmlWriter.Text(f.Baseline)}\">{entry.Date.UtcDateTime:yyyy-MM-dd} {HtmlWriter.Text(entry.RunId)}: {HtmlWriter.Text(f.Model)} / {HtmlWriter.Text(f.Distribution)} {HtmlWriter.Text(f.Measure)} vs {HtmlWriter.Text(f.Baseline)} run {HtmlWriter.Text(f.BaselineRun)}: difference {HtmlWriter.Text(ReportNumber.Format(f.Difference))} [{HtmlWriter.Text(ReportNumber.Format(f.Low))}, {HtmlWriter.Text(ReportNumber.Format(f.High))}] at {f.Confidence:0.####}, {(f.Paired ? "paired" : "two-sample")}, n = {f.Prompts}{(f.Excluded > 0 ? $", {f.Excluded} excluded (infinite)" : "")}, α = {entry.Drift!.Alpha}, m = {entry.Drift.Comparisons}</li>"));
        }

        html.Line("</ul>");
    }

    private static string Skipped(NightlyBudgetDecision budget) => budget.Outcome == NightlyBudgetDecision.OverBudget
        ? FormattableString.Invariant($"skipped: over budget (estimate {budget.Tokens} tokens, cost {budget.Cost:0.####}; remaining {(budget.RemainingTokens is { } t ? t + " tokens" : "no token cap")}, {(budget.RemainingCost is { } c ? c.ToString("0.####", CultureInfo.InvariantCulture) : "no cost cap")})")
        : $"skipped: not planned ({budget.Problem})";

    private static string Interval(MetricSummary? metric, string name, HistoryHeadline h) =>
        metric is null ? "–" : HtmlWriter.Interval(metric.Mean, metric.Low, metric.High, name, h.Model, h.Distribution);

    private static IEnumerable<(string Experiment, string Distribution)> Groups(IReadOnlyList<HistoryEntry> history) =>
        history.SelectMany(e => e.Headlines.Select(h => (e.Experiment, h.Distribution))).Distinct();
}
