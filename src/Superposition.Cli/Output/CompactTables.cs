using Spectre.Console;
using Superposition.Reports.Reading;
using Superposition.Summaries;

namespace Superposition.Cli;

/// <summary>
/// An experiment as the demo prints it: one table (a row per model, each measure averaged over the distributions with
/// its interval, β of both measures with its interval; for multi-turn runs, a row per model and start against the
/// urns), the notes that apply to every row once under it, and at most three lines of reading
/// (<see cref="SummaryReading"/>). The per-distribution tables are <see cref="SummaryTables"/> (demo --verbose,
/// run) and the HTML report.
/// </summary>
internal static class CompactTables
{
    /// <summary>The note under every calibration table.</summary>
    internal const string CalibrationNote =
        "Means over the distributions with 95% bootstrap intervals. paper KL_raw: of the prefix-inclusive P(answer), as the paper's Fig. 6; the other columns and β: of P(answer + \\n). β = 1 is calibrated.";

    /// <summary>The note under every collapse table.</summary>
    internal const string CollapseNote =
        "collapse: share of runs whose dominant task has ≥ 90% of the answers (± its standard error); dispersion: the runs' spread over the urn's exact expectation, p in brackets (above 1 collapse-like, below 1 flattened).";

    public static void Write(CliConsole console, ExperimentSummary summary)
    {
        if (summary.Collapse is { Count: > 0 } collapse)
        {
            WriteCollapse(console, summary, collapse);
        }
        else if (summary.Models.Count > 0)
        {
            WriteCalibration(console, summary);
        }

        foreach (var line in SummaryReading.Of(summary))
        {
            console.Out.WriteLine("  " + line);
        }

        console.Out.WriteLine();
    }

    private static void WriteCalibration(CliConsole console, ExperimentSummary summary)
    {
        var distributions = string.Join(", ", summary.Models.SelectMany(m => m.Distributions).Select(d => d.Distribution).Distinct(StringComparer.Ordinal));
        var pólya = summary.PolyaAlpha() is { } alpha ? $"KL to Pólya (α = {alpha.ToString("G6", Format.Invariant)})" : null;
        var (prefix, names) = Shortened(summary.Models.Select(m => m.Model).ToList());
        var table = new Table().Title(Markup.Escape($"{summary.Experiment}: {summary.Results} results, {distributions}"))
            .AddColumns(Markup.Escape(prefix is null ? "model" : $"model ({prefix}…)"), "parameters", "paper KL_raw", "KL_raw", "KL_norm", "valid mass");
        if (pólya is not null)
        {
            table.AddColumn(Markup.Escape(pólya));
        }

        table.AddColumns("β", "β, prefix-inclusive");
        foreach (var (model, name) in summary.Models.Zip(names))
        {
            var t = model.Across;
            string[] cells =
            [
                Markup.Escape(name),
                model.ParameterCount is { } n ? n.ToString("N0", Format.Invariant) : "–",
                Interval(model.PrefixAcross?.KlRaw),
                Interval(t?.KlRaw),
                Interval(t?.KlNormalized),
                Interval(t?.ValidMass),
            ];
            table.AddRow([.. cells, .. pólya is null ? Array.Empty<string>() : [Interval(t?.PolyaKlRaw)], Beta(model.Exponent), Beta(model.PrefixExponent)]);
        }

        console.Ansi.Write(table);
        console.Out.WriteLine(CalibrationNote);
    }

    private static void WriteCollapse(CliConsole console, ExperimentSummary summary, IReadOnlyList<CollapseModelSummary> models)
    {
        var urn = models[0].UrnName();
        var (prefix, names) = Shortened(models.Select(m => m.Model).ToList());
        var table = new Table().Title(Markup.Escape($"{summary.Experiment}: {models.Sum(m => m.Report.Observed.Runs)} runs of {models.Max(m => m.Turns)} turns"))
            .AddColumns(Markup.Escape(prefix is null ? "model" : $"model ({prefix}…)"), "start", "runs", "collapse", Markup.Escape(urn), "beta-urn", "dispersion vs urn", "dispersion vs beta-urn");
        foreach (var (m, name) in models.Zip(names))
        {
            var r = m.Report;
            table.AddRow(
                Markup.Escape(name),
                Markup.Escape(m.SettingLabel()),
                r.Observed.Runs.ToString(Format.Invariant),
                $"{Format.Number(r.Observed.CollapseIndex, "0.000")} ± {Format.Number(r.Observed.CollapseIndexStandardError, "0.000")}",
                Format.Number(r.CalibratedUrn.CollapseIndex, "0.000"),
                r.BetaUrn is null ? "–" : $"{Format.Number(r.BetaUrn.CollapseIndex, "0.000")} (β {Format.Number(m.BetaUrn!.Beta, "0.00")})",
                SummaryTables.Dispersion(r.Dispersion),
                SummaryTables.Dispersion(r.BetaUrnDispersion));
        }

        console.Ansi.Write(table);
        console.Out.WriteLine(CollapseNote);
    }

    /// <summary>
    /// The names without the prefix they all share up to a dash ("train-numbers-"), so that the table fits a terminal;
    /// the prefix goes into the column's heading. Unchanged for one model or no shared prefix.
    /// </summary>
    internal static (string? Prefix, IReadOnlyList<string> Names) Shortened(IReadOnlyList<string> names)
    {
        if (names.Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return (null, names);
        }

        var shared = names.Aggregate((a, b) => new string([.. a.Zip(b).TakeWhile(p => p.First == p.Second).Select(p => p.First)]));
        var cut = shared.LastIndexOf('-') + 1;
        return cut < 4 || names.Any(n => n.Length == cut) ? (null, names) : (names[0][..cut], [.. names.Select(n => n[cut..])]);
    }

    /// <summary>β with its interval, as <see cref="Interval"/> shows a mean.</summary>
    internal static string Beta(ExponentSummary? e) =>
        e is { Identifiable: true, Beta: { } b, Low: { } low, High: { } high } && Format.Number(low, "0.000") == Format.Number(high, "0.000")
            ? Format.Number(b, "0.000")
            : SummaryTables.BetaCell(e);

    /// <summary>A mean with its interval; the mean alone where the interval is a point at this precision (a deterministic model).</summary>
    internal static string Interval(MetricSummary? metric) =>
        metric is not null && Format.Number(metric.Low, "0.000") == Format.Number(metric.High, "0.000")
            ? Format.Number(metric.Mean, "0.000")
            : SummaryTables.Interval(metric);
}
