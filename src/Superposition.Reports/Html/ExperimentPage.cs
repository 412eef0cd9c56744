using System.Globalization;
using Superposition.Collapse;
using Superposition.Metrics;
using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Html;

/// <summary>
/// The self-contained HTML report of one experiment: headline table, the Fig. 6 plot, calibration plots, what
/// each KL means (equal-KL explainer), multi-turn results when given, and how to read it all. Numbers carry
/// data-metric / data-model / data-distribution / data-bound attributes and use <see cref="ReportNumber"/>.
/// </summary>
public static class ExperimentPage
{
    /// <summary>Renders the page.</summary>
    /// <param name="summary">The experiment's summary.</param>
    /// <param name="plots">Its plots (<see cref="ReportPlots.Render"/>).</param>
    /// <param name="collapse">Multi-turn data; default none.</param>
    /// <param name="csvHref">Link to the per-prompt CSV; default none (no link).</param>
    public static string Render(ExperimentSummary summary, ReportPlots plots, CollapseReportData? collapse = null, string? csvHref = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(plots);
        var html = new HtmlWriter();
        var title = $"Superposition report: {summary.Experiment}";
        html.Begin(title);
        html.Line($"<h1>{HtmlWriter.Text(title)}</h1>");
        html.Line($"<p class=\"meta\">Experiment <strong data-field=\"experiment\">{HtmlWriter.Text(summary.Experiment)}</strong> · generated <time datetime=\"{summary.GeneratedAt.UtcDateTime:O}\">{summary.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</time> · {summary.Results} results · tasks: {string.Join(", ", summary.Tasks.Select(t => $"<code>{HtmlWriter.Text(t)}</code>"))}</p>");
        if (csvHref is not null)
        {
            html.Line($"<p>Per-prompt results: <a href=\"{HtmlWriter.Text(csvHref)}\">CSV</a>.</p>");
        }

        HowToRead(html);
        if (summary.Collapse is { Count: > 0 } collapseModels)
        {
            CollapseModels(html, collapseModels);
        }

        if (summary.Models.Count == 0)
        {
            if (collapse is not null)
            {
                Collapse(html, collapse, plots, summary);
            }

            return html.End();
        }

        Headline(html, summary);

        html.Line("<h2>KL by model (the paper's Fig. 6)</h2>");
        html.SvgFigure(plots.Fig6!, "Mean KL(D‖P) over prompts for each model, ordered by parameter count, with 95% bootstrap intervals over prompts. Left: KL_raw of the prefix-inclusive P(answer), the number comparable with the paper's Fig. 6 (the authors scored answers without an end). Middle: KL_raw of P(answer + \\n), what the model generates. Right: KL_norm of P(answer + \\n), with P renormalised over the tasks (calibration alone). A gap between the middle and right panels is lost valid mass, −ln s, not miscalibration. Panels no model has numbers for are left out.");

        html.Line("<h2>Calibration</h2>");
        html.PngFigure(plots.Exponent!, "ln P̄_i against ln D_i over every distribution and task. The fitted slope β is the calibration exponent: β = 1 calibrated, β &gt; 1 over-confident (the majority task gets more than its share), β &lt; 1 flattened. Each line has the model's slope and passes through its points' centroid; the dashed grey line has slope 1.");
        foreach (var model in ModelLabels.Ordered(summary.Models))
        {
            if (plots.MeanProbabilities.TryGetValue(model.Model, out var plot))
            {
                html.PngFigure(plot, $"{HtmlWriter.Text(model.Model)}: mean probability of each task's answer against its share of the examples. A calibrated model with valid mass 1 lies on the dashed line P = D; a common factor below it is lost mass.");
            }
        }

        EqualKl(html, summary, plots);
        if (collapse is not null)
        {
            Collapse(html, collapse, plots, summary);
        }

        return html.End();
    }

    /// <summary>How to read the two goodness-of-fit tests, beside the table of every model's tests.</summary>
    private const string FitReading = "<p class=\"fit-reading\"><strong>p (χ² fit to urn)</strong> is the chi-square goodness of fit of the runs' final counts to the calibrated urn: a small p rejects calibrated behaviour. The <strong>dispersion ratio</strong> is the spread of the final counts over the urn's exact expectation, with a two-sided p: above 1 the runs spread apart (collapse, β &gt; 1), below 1 they stay nearer the start than a calibrated model would (flattening, β &lt; 1), which a likelihood test cannot see. <strong>Runs in χ²</strong> counts the runs the chi-square weighed; runs whose number of task answers (fewer when some answers joined no task) too few other runs share cannot be tested and are left out. <strong>Dispersion vs beta-urn</strong> is the same spread against the beta-urn, its expectation and p from data sets simulated from it: near 1 the fitted β and biases account for the runs' spread.</p>";

    /// <summary>Every model's multi-turn runs beside the urns' predictions and both tests (the summary's collapse part).</summary>
    private static void CollapseModels(HtmlWriter html, IReadOnlyList<CollapseModelSummary> models)
    {
        html.Line("<h2>Multi-turn runs by model</h2>");
        html.Line("<p>Collapse index: share of runs whose dominant task took at least 90% of the generated answers. The calibrated urn is what a calibrated model does (exact); the beta-urn uses the exponent β and biases fitted on the model's calibration experiment (simulated).</p>");
        var alpha = models.Select(m => m.PolyaAlpha).FirstOrDefault(a => a is not null);
        if (alpha is { } a)
        {
            html.Line($"<p>With the Pólya comparison (α = {HtmlWriter.Text(Alpha(a))}) the urn is the <strong>Pólya urn from n + α</strong>: the Bayes-optimal model of Dirichlet(α) training mixtures answers with (n_i + α)/(N + kα), so its urn, its exact prediction and both tests start at the initial counts plus α. The beta-urn still starts at n, where its β was fitted.</p>");
        }

        html.Line(FitReading);
        var urn = alpha is null ? "Calibrated urn" : "Pólya urn from n + α";
        html.Line($"<table id=\"collapse-models\"><thead><tr><th>Model</th><th>Runs</th><th>Collapse index</th><th>{urn}</th><th>Beta-urn</th><th>Mean entropy</th><th>Urn entropy</th><th>Other rate</th><th>p (χ² fit to urn)</th><th>Runs in χ²</th><th>Dispersion ratio</th><th>p (dispersion)</th><th>Dispersion vs beta-urn</th><th>p (vs beta-urn)</th></tr></thead><tbody>");
        foreach (var summary in models)
        {
            // A model run from several initial settings has one row per setting, labelled by its counts.
            var m = summary with { Model = CollapseModelSummary.Label(summary, models) };
            var r = m.Report;
            var beta = r.BetaUrn is null
                ? m.BetaUrnProblem is null ? "–" : "– <span class=\"ci\">(see below)</span>"
                : $"{HtmlWriter.Number(r.BetaUrn.CollapseIndex, "collapse-index", m.Model, "beta-urn")} (β = {ReportNumber.Format(m.BetaUrn!.Beta)})";
            html.Line($"<tr><td>{HtmlWriter.Text(m.Model)}</td><td class=\"n\">{r.Observed.Runs}</td><td class=\"n\">{HtmlWriter.Number(r.Observed.CollapseIndex, "collapse-index", m.Model, "observed")}</td><td class=\"n\">{HtmlWriter.Number(r.CalibratedUrn.CollapseIndex, "collapse-index", m.Model, "calibrated-urn")}</td><td class=\"n\">{beta}</td><td class=\"n\">{HtmlWriter.Number(r.Observed.MeanEntropy, "mean-entropy", m.Model, "observed")}</td><td class=\"n\">{HtmlWriter.Number(r.CalibratedUrn.MeanEntropy, "mean-entropy", m.Model, "calibrated-urn")}</td><td class=\"n\">{HtmlWriter.Number(r.Observed.OtherRate, "other-rate", m.Model)}</td>{FitCells(r, m.Model)}</tr>");
        }

        html.Line("</tbody></table>");
        var problems = models.Where(m => m.BetaUrnProblem is not null).DistinctBy(m => m.Model).ToList();
        if (problems.Count > 0)
        {
            html.Line("<ul id=\"beta-urn-problems\">");
            foreach (var m in problems)
            {
                html.Line($"<li data-model=\"{HtmlWriter.Text(m.Model)}\">No beta-urn for {HtmlWriter.Text(m.Model)}: {HtmlWriter.Text(m.BetaUrnProblem)}.</li>");
            }

            html.Line("</ul>");
        }
    }

    /// <summary>
    /// The chi-square p, the runs it tested (and left out), the dispersion ratio and its p against the calibrated urn,
    /// and against the beta-urn where there is one, as table cells.
    /// </summary>
    private static string FitCells(CollapseReport report, string model)
    {
        var fit = report.Fit;
        var excluded = fit.ExcludedRuns > 0
            ? $" <span class=\"ci\">+ {HtmlWriter.Count(fit.ExcludedRuns, "fit-excluded-runs", model)} left out</span>"
            : "";
        return $"<td class=\"n\">{HtmlWriter.PValue(fit.PValue, "fit-p", model)}</td><td class=\"n\">{HtmlWriter.Count(fit.Runs, "fit-runs", model)}{excluded}</td>"
            + Dispersion(report.Dispersion, "dispersion", model) + Dispersion(report.BetaUrnDispersion, "beta-urn-dispersion", model);
    }

    private static string Dispersion(DispersionTest? test, string metric, string model) => test is null
        ? "<td class=\"n\">–</td><td class=\"n\">–</td>"
        : $"<td class=\"n\">{HtmlWriter.Number(test.Ratio, $"{metric}-ratio", model)}</td><td class=\"n\">{HtmlWriter.PValue(test.PValue, $"{metric}-p", model)}</td>";

    private static void HowToRead(HtmlWriter html)
    {
        html.Line("<h2>How to read this report</h2><div class=\"read\">");
        html.Line("<p>Each task's answer gets two probabilities. <strong>P(answer + \\n)</strong> is the probability that the model generates exactly that answer and ends the line: the suite's measure. The <strong>prefix-inclusive P(answer)</strong> scores the answer without an end, as the authors' code did, so it also counts every continuation that starts with it (P(\"I\") includes \"Italian\"): it is the one to set beside the paper's numbers. Strategies that reproduce the authors' procedures take only the second.</p>");
        html.Line("<p><strong>KL_raw</strong> = Σ D_i ln(D_i / P_i) uses the probabilities as the model gives them. <strong>KL_norm</strong> renormalises P over the tasks first and measures calibration alone. <strong>Valid mass</strong> s = Σ P_i is the probability the model puts on any task's answer, and KL_raw = KL_norm − ln s: a model with perfect proportions but s = 0.22 scores KL_raw ≈ 1.5 and KL_norm = 0.</p>");
        html.Line("<p>Means are over prompts, with 95% percentile-bootstrap intervals in brackets. <strong>KL of the mean P</strong> applies KL to the mean probabilities: for KL_raw it is never above the mean of per-prompt KLs (every prompt has the same D), for KL_norm it can be. ∞ means some prompt gave a task probability 0; such prompts are counted.</p>");
        html.Line("<p><strong>β</strong>, the calibration exponent, is the slope of ln P̄_i = β ln D_i + b_i + c fitted to the mean P of each task across distributions: β = 1 calibrated, β &gt; 1 winner-take-more (which predicts collapse over many turns), β &lt; 1 flattened. Its interval comes from resampling prompts (each distribution's on their own) and refitting; the <strong>power-law residual</strong> is the root mean square distance of ln P̄_i from the fitted line, how far the model is from a power law at all, and is no uncertainty.</p>");
        html.Line($"<p>Numbers show {ReportNumber.Decimals} decimals. To see what a KL value means, the section <a href=\"#equal-kl\">What the KL values mean</a> shows distributions that are equally far from D.</p></div>");
    }

    private static void Headline(HtmlWriter html, ExperimentSummary summary)
    {
        html.Line("<h2>Headline numbers</h2>");
        var alpha = summary.PolyaAlpha();
        var polya = alpha is { } a ? $"KL to Pólya (α = {HtmlWriter.Text(Alpha(a))})" : null;
        html.Line("<p>Mean over prompts [95% bootstrap interval]. Paper-comparable: KL_raw of the prefix-inclusive P. The other columns are of P(answer + \\n); – where a measure was not taken.</p>");
        if (polya is not null)
        {
            html.Line($"<p>{polya}: KL from the Pólya predictive (n_i + α)/(N + kα) of each prompt's example counts, the Bayes-optimal answer of a model trained on Dirichlet(α) task mixtures, to the model's P(answer + \\n), raw and renormalised, beside the KL to D.</p>");
        }

        var polyaHeads = polya is null ? "" : $"<th>{polya}, raw</th><th>{polya}, norm</th>";
        html.Line($"<table id=\"headline\"><thead><tr><th>Model</th><th>Parameters</th><th>Distribution</th><th>Prompts</th><th>KL_raw, paper-comparable</th><th>KL_raw</th><th>KL_norm</th><th>Valid mass</th><th>KL_raw of mean P</th><th>KL_norm of mean P</th>{polyaHeads}<th>∞ prompts</th><th>Exact prompts</th></tr></thead><tbody>");
        foreach (var model in ModelLabels.Ordered(summary.Models))
        {
            var m = HtmlWriter.Text(model.Model);
            for (var i = 0; i < model.Distributions.Count; i++)
            {
                var d = model.Distributions[i];
                var dn = d.Distribution;
                var t = d.Terminated;
                html.Raw("<tr>");
                if (i == 0)
                {
                    html.Raw($"<td rowspan=\"{model.Distributions.Count}\">{m}</td><td rowspan=\"{model.Distributions.Count}\">{HtmlWriter.Text(ModelLabels.Parameters(model.ParameterCount))}</td>");
                }

                html.Raw($"<td>{HtmlWriter.Text(dn)}</td><td class=\"n\">{d.Prompts}</td>");
                html.Raw($"<td class=\"n\">{Interval(d.Prefix?.KlRaw, "kl-raw-prefix", model.Model, dn)}</td>");
                html.Raw($"<td class=\"n\">{Interval(t?.KlRaw, "kl-raw", model.Model, dn)}</td>");
                html.Raw($"<td class=\"n\">{Interval(t?.KlNormalized, "kl-norm", model.Model, dn)}</td>");
                html.Raw($"<td class=\"n\">{Interval(t?.ValidMass, "valid-mass", model.Model, dn)}</td>");
                html.Raw($"<td class=\"n\">{(t is null ? "–" : HtmlWriter.Number(t.KlOfMeanRaw, "kl-of-mean-raw", model.Model, dn))}</td>");
                html.Raw($"<td class=\"n\">{(t is null ? "–" : HtmlWriter.Number(t.KlOfMeanNormalized, "kl-of-mean-norm", model.Model, dn))}</td>");
                if (polya is not null)
                {
                    html.Raw($"<td class=\"n\">{Interval(t?.Polya?.KlRaw, "kl-raw-polya", model.Model, dn)}</td>");
                    html.Raw($"<td class=\"n\">{Interval(t?.Polya?.KlNormalized, "kl-norm-polya", model.Model, dn)}</td>");
                }

                var counted = t ?? d.Prefix;
                html.Raw($"<td class=\"n\">{counted?.InfinitePrompts}</td><td class=\"n\">{counted?.ExactPrompts}</td>");
                html.Line("</tr>");
            }
        }

        html.Line("</tbody></table>");
        if (summary.Models.Any(m => m.Across is not null || m.PrefixAcross is not null))
        {
            // The paper's Fig. 6 read over size: one number per model and measure, with an interval of its own.
            html.Line("<h2 id=\"across-distributions\">By model, across distributions</h2>");
            AcrossDistributionsTable.Render(html, "across-distributions-table", [.. ModelLabels.Ordered(summary.Models).Select(m => SweepFindings.CalibrationRow.Of(m, null, m.Model, m.ParameterCount))], polya, regimes: false);
        }

        Exponents(html, summary);
    }

    private static string Interval(MetricSummary? metric, string name, string model, string distribution) =>
        metric is null ? "–" : HtmlWriter.Interval(metric.Mean, metric.Low, metric.High, name, model, distribution);

    private static void Exponents(HtmlWriter html, ExperimentSummary summary)
    {
        html.Line("<h2>Calibration exponent β</h2>");
        html.Line("<p>β fitted to ln of the mean P of each task across distributions, with its 95% bootstrap interval over prompts, and the power-law residual (root mean square of the fit's residuals in ln P, nats).</p>");
        html.Line("<table id=\"exponents\"><thead><tr><th>Model</th><th>β of P(answer + \\n) [95% CI]</th><th>Power-law residual</th><th>β of prefix-inclusive P [95% CI]</th><th>Power-law residual</th></tr></thead><tbody>");
        foreach (var model in ModelLabels.Ordered(summary.Models))
        {
            html.Line($"<tr><td>{HtmlWriter.Text(model.Model)}</td><td class=\"n\">{Exponent(model.Exponent, model.Model, "beta")}</td><td class=\"n\">{Residual(model.Exponent, model.Model, "power-law-residual")}</td>"
                + $"<td class=\"n\">{Exponent(model.PrefixExponent, model.Model, "beta-prefix")}</td><td class=\"n\">{Residual(model.PrefixExponent, model.Model, "power-law-residual-prefix")}</td></tr>");
        }

        html.Line("</tbody></table>");
    }

    private static string Exponent(ExponentSummary? exponent, string model, string name) => exponent switch
    {
        null => "– <span class=\"ci\">(needs two distributions with this measure)</span>",
        { Identifiable: false } e => $"– <span class=\"ci\">({HtmlWriter.Text(e.Reason)})</span>",
        { } e => HtmlWriter.Interval(e.Beta, e.Low, e.High, name, model),
    };

    private static string Residual(ExponentSummary? exponent, string model, string name) =>
        exponent is { Identifiable: true, PowerLawResidual: { } r } ? HtmlWriter.Number(r, name, model) : "–";

    private static void EqualKl(HtmlWriter html, ExperimentSummary summary, ReportPlots plots)
    {
        html.Line("<h2 id=\"equal-kl\">What the KL values mean</h2>");
        html.Line("<p>For each measured mean KL_raw (the paper-comparable one, of the prefix-inclusive P, where it was measured), distributions of four shapes with exactly that KL from the distribution D of the examples. If such distributions look badly calibrated to you, so is a model with that KL.</p>");
        foreach (var model in ModelLabels.Ordered(summary.Models))
        {
            foreach (var d in model.Distributions)
            {
                if (ReportPlots.ExplainedKl(d) is not { } explained)
                {
                    continue;
                }

                if (!plots.EqualKl.TryGetValue((model.Model, d.Distribution), out var plot))
                {
                    html.Line($"<p>{HtmlWriter.Text(model.Model)}, {HtmlWriter.Text(d.Distribution)}: {HtmlWriter.Text(explained.Label)} = {HtmlWriter.Text(ReportNumber.Format(explained.Kl))} has no equally distant distribution to show.</p>");
                    continue;
                }

                var examples = EqualKlExplainer.Explain(d.Target, explained.Kl);
                var list = string.Join("; ", examples.Select(e => $"<code>{HtmlWriter.Text(ReportNumber.Vector(e.Probabilities))}</code> ({HtmlWriter.Text(e.Description)})"));
                html.PngFigure(plot, $"{HtmlWriter.Text(model.Model)} under {HtmlWriter.Text(d.Distribution)}: a {HtmlWriter.Text(explained.Label)} of {HtmlWriter.Text(ReportNumber.Format(explained.Kl))} from D = <code>{HtmlWriter.Text(ReportNumber.Vector(d.Target))}</code> is as far as {list}.");
            }
        }
    }

    private static void Collapse(HtmlWriter html, CollapseReportData data, ReportPlots plots, ExperimentSummary summary)
    {
        data.Validate();
        var task = data.TrackedTask;
        var observed = CollapseStatistics.Summarize(data.Runs);
        var totals = data.Runs.Select(r => r.TaskAnswers).ToArray();
        var calibrated = UrnPredictions.ExactForTotals(data.UrnInitialCounts, totals);
        var beta = data.BetaUrnRuns is null ? null : CollapseStatistics.Summarize(data.BetaUrnRuns).Statistics;
        html.Line("<h2>Multi-turn runs (collapse)</h2>");
        html.Line($"<p>{HtmlWriter.Text(data.Model)}: {data.Runs.Count} runs of {data.Turns} turns from initial counts <code>[{HtmlWriter.Text(string.Join(", ", data.InitialCounts.Select(a => a.ToString(CultureInfo.InvariantCulture))))}]</code>. A calibrated model behaves as a Pólya urn and keeps roughly the initial proportions; collapse (one task taking ≥ 90% of a run's answers) is what an over-confident model (β &gt; 1) does.</p>");
        html.Line("<table id=\"collapse\"><thead><tr><th></th><th>Collapse index</th><th>Mean entropy (nats)</th><th>Mean share of " + HtmlWriter.Text(data.Tasks[task]) + "</th></tr></thead><tbody>");
        CollapseRow(html, "observed", "Observed runs", observed.Statistics, task);
        CollapseRow(html, "calibrated-urn", data.PolyaAlpha is { } alpha ? $"Pólya urn from n + α, α = {Alpha(alpha)} (exact)" : "Calibrated urn (exact)", calibrated, task);
        if (beta is not null)
        {
            CollapseRow(html, "beta-urn", data.BetaUrnBeta is { } b ? $"Beta-urn β = {ReportNumber.Format(b)} (simulated)" : "Beta-urn (simulated)", beta, task);
        }

        html.Line("</tbody></table>");
        if (summary.Collapse?.FirstOrDefault(m => m.Model == data.Model && m.InitialCounts.Select(c => (double)c).SequenceEqual(data.InitialCounts)) is { } model)
        {
            // The tests come from the summary, so this section shows the very numbers of the table above.
            html.Line("<table id=\"collapse-fit\"><thead><tr><th>Model</th><th>p (χ² fit to urn)</th><th>Runs in χ²</th><th>Dispersion ratio</th><th>p (dispersion)</th><th>Dispersion vs beta-urn</th><th>p (vs beta-urn)</th></tr></thead><tbody>");
            html.Line($"<tr><td>{HtmlWriter.Text(model.Model)}</td>{FitCells(model.Report, model.Model)}</tr>");
            html.Line("</tbody></table>");
        }

        if (plots.CollapseShares is not null)
        {
            html.PngFigure(plots.CollapseShares, $"Final share of {HtmlWriter.Text(data.Tasks[task])} among each run's task answers (bars) against the calibrated urn's exact Beta-binomial prediction for the same numbers of answers, its Beta limit, and the fitted beta-urn's simulated runs, all counted in the same bins, one per possible count of the task (the axis reads as the share when every run has the same number of task answers, as the count when some answers joined no task). Mass piled at both ends is collapse.");
        }

        if (plots.Trajectories is not null)
        {
            html.PngFigure(plots.Trajectories, $"Share of {HtmlWriter.Text(data.Tasks[task])} in the context, turn by turn, for a few runs: the probability a calibrated model gives it next.");
        }
    }

    /// <summary>α as a spec writes it (1, 0.5), not with the tables' fixed decimals.</summary>
    private static string Alpha(double alpha) => alpha.ToString("G6", CultureInfo.InvariantCulture);

    private static void CollapseRow(HtmlWriter html, string key, string label, UrnStatistics statistics, int task) =>
        html.Line($"<tr><td>{HtmlWriter.Text(label)}</td><td class=\"n\">{HtmlWriter.Number(statistics.CollapseIndex, "collapse-index", key)}</td><td class=\"n\">{HtmlWriter.Number(statistics.MeanEntropy, "mean-entropy", key)}</td><td class=\"n\">{HtmlWriter.Number(statistics.MeanShares[task], "mean-share", key)}</td></tr>");
}
