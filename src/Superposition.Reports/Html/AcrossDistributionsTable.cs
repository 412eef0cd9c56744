using Superposition.Summaries;

namespace Superposition.Reports.Html;

/// <summary>
/// One row per model, each measure averaged over the distributions with its stratified bootstrap interval, and β:
/// the paper's Fig. 6 read over size. The trained sweep's page shows it with each model's regime and size, an
/// experiment's report with the model's name. Numbers are marked up as elsewhere, with the distribution
/// <see cref="Distribution"/>, so that they read apart from the per-distribution numbers and β's own table.
/// </summary>
internal static class AcrossDistributionsTable
{
    /// <summary>The data-distribution of every number of the table.</summary>
    public const string Distribution = "across";

    /// <summary>Renders the explanation and the table.</summary>
    /// <param name="html">The page.</param>
    /// <param name="id">The table's id.</param>
    /// <param name="rows">The rows, in the order to show them.</param>
    /// <param name="polya">The Pólya columns' heading ("KL to Pólya (α = 1)"); null leaves them out.</param>
    /// <param name="regimes">Whether to show regime and size (the trained sweep) rather than the model's name.</param>
    public static void Render(HtmlWriter html, string id, IReadOnlyList<SweepFindings.CalibrationRow> rows, string? polya, bool regimes)
    {
        html.Line("<p>One row per model" + (regimes ? ", grouped by regime and ordered by parameters" : ", ordered by parameters") + ". Each cell is the mean over the distributions of the mean over prompts, with its 95% bootstrap interval (prompts resampled within each distribution, 2000 replicates). <strong>Paper KL_raw</strong> is of the prefix-inclusive P(answer), as the authors scored; the other columns are of P(answer + \\n). β is the calibration exponent across the distributions with its 95% bootstrap interval over prompts.</p>");
        var who = regimes ? "<th>Regime</th><th>Size</th>" : "<th>Model</th>";
        var polyaHeads = polya is null ? "" : $"<th>{HtmlWriter.Text(polya)}, raw [95% CI]</th><th>{HtmlWriter.Text(polya)}, norm [95% CI]</th>";
        html.Line($"<table id=\"{HtmlWriter.Text(id)}\"><thead><tr>{who}<th>Parameters</th><th>Paper KL_raw [95% CI]</th><th>KL_raw [95% CI]</th><th>KL_norm [95% CI]</th>{polyaHeads}<th>Valid mass [95% CI]</th><th>β [95% CI]</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var t = row.Terminated;
            var cells = regimes
                ? $"<td>{TrainedSweepPage.RegimeCell(row.Regime)}</td><td>{HtmlWriter.Text(row.Size)}</td>"
                : $"<td>{HtmlWriter.Text(row.Model)}</td>";
            var polyaCells = polya is null ? ""
                : $"<td class=\"n\">{Interval(t?.PolyaKlRaw, "kl-raw-polya", row.Model)}</td><td class=\"n\">{Interval(t?.PolyaKlNormalized, "kl-norm-polya", row.Model)}</td>";
            html.Line($"<tr data-model=\"{HtmlWriter.Text(row.Model)}\">{cells}"
                + $"<td class=\"n\">{TrainedSweepPage.ParametersOrNa(row.Parameters, row.Model)}</td>"
                + $"<td class=\"n\">{Interval(row.PaperKlRaw, "kl-raw-prefix", row.Model)}</td>"
                + $"<td class=\"n\">{Interval(t?.KlRaw, "kl-raw", row.Model)}</td>"
                + $"<td class=\"n\">{Interval(t?.KlNormalized, "kl-norm", row.Model)}</td>"
                + polyaCells
                + $"<td class=\"n\">{Interval(t?.ValidMass, "valid-mass", row.Model)}</td>"
                + $"<td class=\"n\">{Beta(row.Exponent, row.Model, Distribution)}</td></tr>");
        }

        html.Line("</tbody></table>");
    }

    /// <summary>β with its interval, or "n/a" with the reason it could not be fitted.</summary>
    public static string Beta(ExponentSummary? exponent, string model, string? distribution = null) => exponent is { Identifiable: true, Beta: { } b }
        ? HtmlWriter.Interval(b, exponent.Low, exponent.High, "beta", model, distribution)
        : HtmlWriter.Marked(TrainedSweepPage.NotAvailable, "beta", model, distribution, "mean") + (exponent?.Reason is { } reason ? $" <span class=\"ci\">({HtmlWriter.Text(reason)})</span>" : "");

    private static string Interval(MetricSummary? metric, string name, string model) => metric is null
        ? TrainedSweepPage.NumberOrNa(null, name, model, Distribution)
        : HtmlWriter.Interval(metric.Mean, metric.Low, metric.High, name, model, Distribution);
}
