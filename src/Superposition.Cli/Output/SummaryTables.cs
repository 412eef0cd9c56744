using Spectre.Console;
using Superposition.Collapse;
using Superposition.Statistics;
using Superposition.Summaries;

namespace Superposition.Cli;

/// <summary>An experiment summary as console tables: calibration per model and distribution, collapse per model.</summary>
internal static class SummaryTables
{
    /// <summary>One line on how to read the two tests, printed under the collapse table.</summary>
    internal const string FitReading =
        "p (urn fit): chi-square of the runs' final counts against the calibrated urn, small p rejects it (– where no run could be tested); dispersion: "
        + "their spread over the urn's exact expectation (two-sided p in brackets), above 1 collapse-like (β > 1), below 1 flattened (β < 1); "
        + "vs beta-urn: the same against the beta-urn, its expectation and p from simulated data sets.";

    public static void Write(CliConsole console, ExperimentSummary summary)
    {
        if (summary.Models.Count > 0)
        {
            WriteCalibration(console, summary);
        }

        if (summary.Collapse is { Count: > 0 } collapse)
        {
            WriteCollapse(console, summary.Experiment, collapse);
        }
    }

    private static void WriteCalibration(CliConsole console, ExperimentSummary summary)
    {
        var table = new Table().Title($"{summary.Experiment}: {summary.Results} results (95% bootstrap intervals; KL_raw, KL_norm, valid mass of P(answer + \\n))")
            .AddColumns("model", "distribution", "n", "paper KL_raw", "KL_raw", "KL_norm", "valid mass", "KL_raw(mean P)");
        var alpha = summary.PolyaAlpha();
        var polya = alpha is { } a ? $"KL to Pólya (α = {a.ToString("G6", Format.Invariant)})" : null;
        if (polya is not null)
        {
            table.AddColumns(Markup.Escape($"{polya}, raw"), Markup.Escape($"{polya}, norm"));
        }

        foreach (var model in summary.Models)
        {
            foreach (var d in model.Distributions)
            {
                var t = d.Terminated;
                string[] cells =
                [
                    Markup.Escape(model.Model),
                    Markup.Escape(d.Distribution),
                    d.Prompts.ToString(Format.Invariant),
                    Interval(d.Prefix?.KlRaw),
                    Interval(t?.KlRaw),
                    Interval(t?.KlNormalized),
                    Interval(t?.ValidMass),
                    t is null ? "–" : Format.Number(t.KlOfMeanRaw, "0.000"),
                ];
                table.AddRow(polya is null ? cells : [.. cells, Interval(t?.Polya?.KlRaw), Interval(t?.Polya?.KlNormalized)]);
            }
        }

        console.Ansi.Write(table);
        console.Out.WriteLine("paper KL_raw: of the prefix-inclusive P(answer), as the authors scored, comparable with the paper's Fig. 6; the other columns: of P(answer + \\n), what the model generates.");
        WriteAcross(console, summary, polya);
        if (polya is not null)
        {
            console.Out.WriteLine($"{polya}: KL from the Pólya predictive (n_i + α)/(N + kα) of each prompt's example counts, the Bayes-optimal answer of a model trained on Dirichlet(α) mixtures, to P(answer + \\n).");
        }

        foreach (var model in summary.Models)
        {
            foreach (var (label, exponent) in new[] { ("P(answer + \\n)", model.Exponent), ("prefix-inclusive P", model.PrefixExponent) })
            {
                if (exponent is not null)
                {
                    console.Out.WriteLine($"calibration exponent of {model.Model}, {label}: {Exponent(exponent)}");
                }
            }
        }
    }

    /// <summary>
    /// The paper's Fig. 6 over size: one row per model (in the summary's order, by parameters), each measure averaged
    /// over the distributions with its stratified bootstrap interval, and β of P(answer + "\n"). Left out when no
    /// model has numbers across distributions (fewer than two distributions).
    /// </summary>
    private static void WriteAcross(CliConsole console, ExperimentSummary summary, string? polya)
    {
        if (!summary.Models.Any(m => m.Across is not null || m.PrefixAcross is not null))
        {
            return;
        }

        var distributions = string.Join(", ", summary.Models.SelectMany(m => m.Distributions).Select(d => d.Distribution).Distinct(StringComparer.Ordinal));
        var table = new Table().Title(Markup.Escape($"{summary.Experiment} by model: mean over {distributions} (95% bootstrap intervals, prompts resampled within each distribution)"))
            .AddColumns("model", "parameters", "paper KL_raw", "KL_raw", "KL_norm", "valid mass");
        if (polya is not null)
        {
            table.AddColumns(Markup.Escape($"{polya}, raw"), Markup.Escape($"{polya}, norm"));
        }

        table.AddColumn("β");
        foreach (var model in summary.Models)
        {
            var t = model.Across;
            string[] cells =
            [
                Markup.Escape(model.Model),
                model.ParameterCount is { } n ? n.ToString("N0", Format.Invariant) : "–",
                Interval(model.PrefixAcross?.KlRaw),
                Interval(t?.KlRaw),
                Interval(t?.KlNormalized),
                Interval(t?.ValidMass),
            ];
            var beta = BetaCell(model.Exponent);
            table.AddRow(polya is null ? [.. cells, beta] : [.. cells, Interval(t?.PolyaKlRaw), Interval(t?.PolyaKlNormalized), beta]);
        }

        console.Ansi.Write(table);
    }

    private static string Exponent(ExponentSummary e) => e is { Identifiable: true, Beta: { } beta }
        ? $"β = {Format.Number(beta, "0.000")} (95% bootstrap over prompts {Format.Number(e.Low ?? double.NaN, "0.000")}–{Format.Number(e.High ?? double.NaN, "0.000")}); power-law residual {Format.Number(e.PowerLawResidual ?? double.NaN, "0.000")}; 1 is calibrated"
        : $"not identifiable ({e.Reason})";

    private static void WriteCollapse(CliConsole console, string experiment, IReadOnlyList<CollapseModelSummary> models)
    {
        var table = new Table().Title($"{experiment}: collapse index = share of runs whose dominant task has ≥ 90% of the answers")
            .AddColumns("model", "runs", "collapse", "urn", "beta-urn", "entropy", "urn entropy", "other", "p (urn fit)", "dispersion", "vs beta-urn");
        foreach (var m in models)
        {
            var r = m.Report;
            table.AddRow(
                Markup.Escape(CollapseModelSummary.Label(m, models)),
                r.Observed.Runs.ToString(Format.Invariant),
                $"{Format.Number(r.Observed.CollapseIndex, "0.000")} ± {Format.Number(r.Observed.CollapseIndexStandardError, "0.000")}",
                Format.Number(r.CalibratedUrn.CollapseIndex, "0.000"),
                r.BetaUrn is null ? "–" : $"{Format.Number(r.BetaUrn.CollapseIndex, "0.000")} (β = {Format.Number(m.BetaUrn!.Beta, "0.00")})",
                Format.Number(r.Observed.MeanEntropy, "0.000"),
                Format.Number(r.CalibratedUrn.MeanEntropy, "0.000"),
                Format.Number(r.Observed.OtherRate, "0.000"),
                r.Fit.Runs == 0 ? "–" : PValueText.Of(r.Fit.PValue),
                Dispersion(r.Dispersion),
                Dispersion(r.BetaUrnDispersion));
        }

        console.Ansi.Write(table);
        console.Out.WriteLine(FitReading);
        if (models.Select(m => m.PolyaAlpha).FirstOrDefault(a => a is not null) is { } alpha)
        {
            console.Out.WriteLine($"urn: the Pólya urn from n + α (α = {alpha.ToString("G6", Format.Invariant)}), the Bayes-optimal model of Dirichlet(α) training mixtures; the beta-urn starts at n, where its β was fitted.");
        }

        foreach (var m in models)
        {
            if (m.Report.Fit.ExcludedRuns > 0)
            {
                console.Out.WriteLine($"urn fit of {CollapseModelSummary.Label(m, models)}: {m.Report.Fit.Runs} runs tested; {m.Report.Fit.ExcludedRuns} left out, too few of them with the same number of task answers to test");
            }

        }

        foreach (var m in models.Where(m => m.BetaUrnProblem is not null).DistinctBy(m => m.Model))
        {
            console.Out.WriteLine($"no beta-urn for {m.Model}: {m.BetaUrnProblem}");
        }
    }

    /// <summary>β with its interval for a table cell, "–" where not identifiable.</summary>
    internal static string BetaCell(ExponentSummary? e) => e is { Identifiable: true, Beta: { } b }
        ? $"{Format.Number(b, "0.000")} ({Format.Number(e.Low ?? double.NaN, "0.000")}–{Format.Number(e.High ?? double.NaN, "0.000")})"
        : "–";

    internal static string Dispersion(DispersionTest? test) =>
        test is null ? "–" : $"{Format.Number(test.Ratio, "0.00")} ({PValueText.Of(test.PValue)})";

    internal static string Interval(MetricSummary? metric) => metric is null
        ? "–"
        : $"{Format.Number(metric.Mean, "0.000")} ({Format.Number(metric.Low, "0.000")}–{Format.Number(metric.High, "0.000")})";
}
