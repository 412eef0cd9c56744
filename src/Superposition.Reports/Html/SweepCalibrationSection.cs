using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Html;

/// <summary>
/// The trained sweep page's calibration sections, from the calibration experiment (the paper's Fig. 6 protocol):
/// KL_raw, KL_norm and KL to the Pólya predictive against size, the Fig. 6 over size table (one row per model, every
/// measure averaged over the distributions with its interval, and β) and the table of every (model, distribution),
/// then β against size beside its table. Left out when no calibration summary was given.
/// </summary>
internal static class SweepCalibrationSection
{
    public static void Render(HtmlWriter html, TrainedSweep sweep, TrainedSweepPlots plots)
    {
        if (sweep.Calibration is not { } calibration)
        {
            return;
        }

        html.Line("<h2 id=\"calibration-by-size\">Calibration by model size</h2>");
        html.Line($"<p>From <code>{HtmlWriter.Text(calibration.Experiment)}</code>. Each model is read under P(answer + \\n), or the prefix-inclusive P(answer) where it has only that (the measure column says which).</p>");
        html.Line("<div class=\"read\"><p><strong>How to read this.</strong> <strong>KL_raw</strong> = Σ D_i ln(D_i / P_i) measures how far the model's answer probabilities are from the task shares D of the prompt's examples; <strong>KL_norm</strong> renormalises P over the tasks first (calibration alone, lost valid mass removed). <strong>KL to Pólya</strong> puts the Pólya predictive (n_i + α)/(N + kα) of each prompt's example counts in place of D: it is the Bayes-optimal answer of a model trained on Dirichlet(α) task mixtures, so the Bayes-optimal dirichlet model would show a KL to Pólya of 0 at every size, while its KL to D stays above 0 where few examples make the predictive flatter than D. The single-task models never saw a mixture in training; for them the Pólya predictive is a reference, not their Bayes-optimal answer.</p></div>");
        if (plots.Calibration is not null)
        {
            html.PngFigure(plots.Calibration, "x: parameters on a log scale; one series per regime. Each point is one model: the mean over D1–D3 of its per-distribution mean KL over prompts, with its 95% bootstrap interval (prompts resampled within each distribution). Left KL_raw(D‖P), middle KL_norm(D‖P), right KL_raw(Pólya‖P). Models of unknown size, infinite means and panels no model has numbers for are left out; the tables have every value.");
        }

        var models = sweep.CalibrationModels;
        var polya = calibration.PolyaAlpha() is { } a ? $"KL to Pólya (α = {a.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)})" : "KL to Pólya";
        OverSize(html, sweep, polya);
        html.Line("<p>Every model under every distribution:</p>");
        html.Line($"<table id=\"calibration-table\"><thead><tr><th>Model</th><th>Regime</th><th>Parameters</th><th>Distribution</th><th>Measure</th><th>Prompts</th><th>KL_raw [95% CI]</th><th>KL_norm [95% CI]</th><th>{polya}, raw [95% CI]</th><th>{polya}, norm [95% CI]</th></tr></thead><tbody>");
        foreach (var model in models)
        {
            var measure = Measures.PrimaryOf(model);
            var regime = sweep.RegimeOf(model.Model);
            foreach (var d in model.Distributions)
            {
                var m = d.Of(measure);
                html.Line($"<tr data-model=\"{HtmlWriter.Text(model.Model)}\" data-distribution=\"{HtmlWriter.Text(d.Distribution)}\"><td>{HtmlWriter.Text(model.Model)}</td><td>{TrainedSweepPage.RegimeCell(regime)}</td>"
                    + $"<td class=\"n\">{TrainedSweepPage.ParametersOrNa(sweep.ParametersOf(model.Model, model.ParameterCount), model.Model)}</td>"
                    + $"<td>{HtmlWriter.Text(d.Distribution)}</td><td>{HtmlWriter.Text(Measures.Label(measure))}</td><td class=\"n\">{m?.Prompts ?? 0}</td>"
                    + $"<td class=\"n\">{Interval(m?.KlRaw, "kl-raw", model.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{Interval(m?.KlNormalized, "kl-norm", model.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{Interval(m?.Polya?.KlRaw, "kl-raw-polya", model.Model, d.Distribution)}</td>"
                    + $"<td class=\"n\">{Interval(m?.Polya?.KlNormalized, "kl-norm-polya", model.Model, d.Distribution)}</td></tr>");
            }
        }

        html.Line("</tbody></table>");
        Exponents(html, sweep, plots, models);
    }

    /// <summary>The paper's Fig. 6 over size: one row per model, each measure averaged over the distributions.</summary>
    private static void OverSize(HtmlWriter html, TrainedSweep sweep, string polya)
    {
        html.Line("<h3 id=\"fig6-over-size\">Fig. 6 over size</h3>");
        AcrossDistributionsTable.Render(html, "fig6-over-size-table", SweepFindings.Calibration(sweep), polya, regimes: true);
    }

    private static void Exponents(HtmlWriter html, TrainedSweep sweep, TrainedSweepPlots plots, IReadOnlyList<ModelSummary> models)
    {
        html.Line("<h2 id=\"beta-by-size\">Calibration exponent β by model size</h2>");
        html.Line("<div class=\"read\"><p><strong>How to read this.</strong> β is the slope of ln P̄_i = β ln D_i + b_i + c fitted to each task's mean P across D1–D3: β = 1 calibrated, β &gt; 1 winner-take-more (predicts collapse over many turns), β &lt; 1 flattened. The Bayes-optimal dirichlet model gives β ≈ 1, with P flatter than D at small example counts (the predictive (n_i + α)/(N + kα) pulls every share towards 1/k) and closer to D as counts grow. The interval is the 95% bootstrap interval over prompts; R² is the fit's within-distribution R².</p></div>");
        html.Line("<div class=\"beside\">");
        if (plots.Exponent is not null)
        {
            html.PngFigure(plots.Exponent, "β of each model with its 95% bootstrap interval, against parameters on a log scale, one series per regime; dashed: β = 1 (calibrated). Models whose β could not be fitted, or of unknown size, are left out.");
        }

        html.Line("<table id=\"beta-table\"><thead><tr><th>Model</th><th>Regime</th><th>Parameters</th><th>β [95% CI]</th><th>R²</th></tr></thead><tbody>");
        foreach (var model in models)
        {
            var exponent = model.ExponentOf(Measures.PrimaryOf(model));
            var beta = AcrossDistributionsTable.Beta(exponent, model.Model);
            html.Line($"<tr data-model=\"{HtmlWriter.Text(model.Model)}\"><td>{HtmlWriter.Text(model.Model)}</td><td>{TrainedSweepPage.RegimeCell(sweep.RegimeOf(model.Model))}</td>"
                + $"<td class=\"n\">{TrainedSweepPage.ParametersOrNa(sweep.ParametersOf(model.Model, model.ParameterCount), model.Model)}</td>"
                + $"<td class=\"n\">{beta}</td><td class=\"n\">{TrainedSweepPage.NumberOrNa(exponent?.RSquared, "r-squared", model.Model)}</td></tr>");
        }

        html.Line("</tbody></table></div>");
    }

    private static string Interval(MetricSummary? metric, string name, string model, string distribution) =>
        metric is null ? TrainedSweepPage.NumberOrNa(null, name, model, distribution) : HtmlWriter.Interval(metric.Mean, metric.Low, metric.High, name, model, distribution);
}
