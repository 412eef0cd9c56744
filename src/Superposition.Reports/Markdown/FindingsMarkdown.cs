using System.Globalization;
using System.Text;
using Superposition.Collapse;
using Superposition.Statistics;
using Superposition.Summaries;

namespace Superposition.Reports.Markdown;

/// <summary>
/// The trained sweep's findings as Markdown tables, to paste into docs/training.md or a closing note: the paper's Fig. 6
/// over size, the multi-turn runs against the Pólya urn from n + α and the beta-urn, and the regime contrast. The
/// numbers are <see cref="SweepFindings"/>' rows, as the trained sweep's page shows them; three decimals here
/// (the page has four), p-values with three significant digits.
/// </summary>
internal static class FindingsMarkdown
{
    /// <summary>Shown where a number was not measured.</summary>
    private const string Missing = "–";

    public static string Render(TrainedSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var md = new StringBuilder();
        if (sweep.Calibration is { } calibration)
        {
            Calibration(md, sweep, calibration);
        }

        if (sweep.Collapse is { } collapse && sweep.CollapseModels.Count > 0)
        {
            Collapse(md, sweep, collapse);
        }

        return md.ToString();
    }

    private static void Calibration(StringBuilder md, TrainedSweep sweep, ExperimentSummary calibration)
    {
        var alpha = calibration.PolyaAlpha();
        md.AppendLine(CultureInfo.InvariantCulture, $"### Fig. 6 over size (`{calibration.Experiment}`)").AppendLine();
        md.AppendLine("Each cell: the mean over the distributions (D1–D3) of the mean over prompts, [95% bootstrap interval, prompts "
            + "resampled within each distribution]. Paper KL_raw: of the prefix-inclusive P(answer), as the authors scored; "
            + "the other columns of P(answer + \"\\n\"), what the model generates. "
            + (alpha is { } a ? $"KL to Pólya: from the Pólya predictive (n_i + α)/(N + kα), α = {Alpha(a)}, the Bayes-optimal answer of the dirichlet regime. " : "")
            + "β: the calibration exponent fitted across the distributions (1 calibrated), [95% bootstrap over prompts].").AppendLine();
        Row(md, "Regime", "Size", "Parameters", "Paper KL_raw", "KL_raw", "KL_norm", "KL to Pólya, raw", "KL to Pólya, norm", "Valid mass", "β");
        Row(md, "---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
        foreach (var r in SweepFindings.Calibration(sweep))
        {
            var t = r.Terminated;
            Row(md, TrainedSweep.RegimeLabel(r.Regime), r.Size, Parameters(r.Parameters), Interval(r.PaperKlRaw), Interval(t?.KlRaw), Interval(t?.KlNormalized),
                Interval(t?.PolyaKlRaw), Interval(t?.PolyaKlNormalized), Interval(t?.ValidMass), Beta(r.Exponent));
        }

        md.AppendLine();
    }

    private static void Collapse(StringBuilder md, TrainedSweep sweep, ExperimentSummary collapse)
    {
        var rows = sweep.CollapseModels;
        var first = rows[0];
        md.AppendLine(CultureInfo.InvariantCulture, $"### Multi-turn runs against the urns (`{collapse.Experiment}`)").AppendLine();
        md.AppendLine(FormattableString.Invariant($"{Runs(rows)} runs of {first.Turns} turns per start. ")
            + "Collapse index: the share of runs whose dominant task took ≥ 90% of the task answers (± binomial standard error), "
            + $"beside the {first.UrnName()} (exact) and the beta-urn (the β and biases fitted on the calibration experiment, "
            + "simulated). Dispersion: the runs' spread over the urn's expectation, two-sided p in brackets (above 1 "
            + "collapse-like, below 1 flattened); against the beta-urn by simulation. χ²: goodness of fit of the final "
            + "counts to the urn, with the runs it could test (runs whose number of task answers too few others share "
            + "cannot be).").AppendLine();
        Row(md, "Regime", "Size", "Parameters", "Start", "Other rate", "Collapse index", "Urn", "Beta-urn (β)", "Dispersion vs urn", "Dispersion vs beta-urn", "χ² p vs urn (runs)");
        Row(md, "---", "---", "---:", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:");
        foreach (var m in rows)
        {
            var r = m.Report;
            var fit = r.Fit.Runs == 0 ? $"{Missing} (0)" : $"{PValueText.Of(r.Fit.PValue)} ({r.Fit.Runs})";
            Row(md, TrainedSweep.RegimeLabel(sweep.RegimeOf(m.Model)), sweep.SizeOf(m.Model), Parameters(sweep.ParametersOf(m.Model, m.ParameterCount)),
                string.Join(",", m.InitialCounts), Number(r.Observed.OtherRate),
                $"{Number(r.Observed.CollapseIndex)} ± {Number(r.Observed.CollapseIndexStandardError)}",
                Number(r.CalibratedUrn.CollapseIndex),
                r.BetaUrn is null || m.BetaUrn is null ? Missing : $"{Number(r.BetaUrn.CollapseIndex)} ({Number(m.BetaUrn.Beta, "0.00")})",
                Dispersion(r.Dispersion), Dispersion(r.BetaUrnDispersion), fit);
        }

        md.AppendLine();
        foreach (var m in rows.Where(m => m.BetaUrnProblem is not null).DistinctBy(m => m.Model))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"No beta-urn for {m.Model}: {m.BetaUrnProblem}.").AppendLine();
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"**Regime contrast**: (model, start) rows by the dispersion test's verdict at p < {SweepFindings.Level.ToString(CultureInfo.InvariantCulture)}: consistent with the urn, over-dispersed (collapse-like) or under-dispersed (flattened).").AppendLine();
        Row(md, "Regime", "Rows", "vs urn: consistent / over / under", "vs beta-urn: consistent / over / under");
        Row(md, "---", "---:", "---:", "---:");
        foreach (var c in SweepFindings.Contrast(sweep))
        {
            Row(md, TrainedSweep.RegimeLabel(c.Regime), c.Rows.ToString(CultureInfo.InvariantCulture), Counts(c.VersusUrn), Counts(c.VersusBetaUrn));
        }

        md.AppendLine();
    }

    /// <summary>"100", or "80–100" where models or starts ran different numbers of runs.</summary>
    private static string Runs(IReadOnlyList<CollapseModelSummary> rows)
    {
        var least = rows.Min(m => m.Report.Observed.Runs);
        var most = rows.Max(m => m.Report.Observed.Runs);
        return least == most ? least.ToString(CultureInfo.InvariantCulture) : FormattableString.Invariant($"{least}–{most}");
    }

    private static string Counts(SweepFindings.VerdictCounts c) =>
        c.Tested == 0 ? Missing : FormattableString.Invariant($"{c.Consistent} / {c.OverDispersed} / {c.UnderDispersed}");

    private static string Dispersion(DispersionTest? test) =>
        test is null ? Missing : $"{Number(test.Ratio, "0.00")} ({PValueText.Of(test.PValue)})";

    private static string Beta(ExponentSummary? e) => e is { Identifiable: true, Beta: { } b }
        ? $"{Number(b)} [{Number(e.Low)}, {Number(e.High)}]"
        : Missing;

    private static string Interval(MetricSummary? m) => m is null ? Missing : $"{Number(m.Mean)} [{Number(m.Low)}, {Number(m.High)}]";

    private static string Parameters(double? parameters) =>
        parameters is { } p ? ((long)Math.Round(p)).ToString("N0", CultureInfo.InvariantCulture) : Missing;

    private static string Number(double? value, string format = "0.000") => value switch
    {
        null => Missing,
        { } v when double.IsNaN(v) => Missing,
        { } v when double.IsPositiveInfinity(v) => "∞",
        { } v => NumberText.Of(v, format),
    };

    private static string Alpha(double alpha) => alpha.ToString("G6", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder md, params string[] cells) =>
        md.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
}
