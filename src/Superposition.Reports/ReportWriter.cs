using System.Text;
using Superposition.Collapse;
using Superposition.Reports.Csv;
using Superposition.Reports.Html;
using Superposition.Results;
using Superposition.Summaries;

namespace Superposition.Reports;

/// <summary>
/// The reports' entry point for the CLI and the Functions app: an experiment's report (HTML with embedded
/// plots, the plots as PNG and SVG files, the per-prompt CSV), the index across experiments and the nightly
/// history page. Files are UTF-8 without BOM.
/// </summary>
public static class ReportWriter
{
    public const string ReportFileName = "report.html";
    public const string CsvFileName = "results.csv";
    public const string IndexFileName = "index.html";
    public const string HistoryFileName = "history.html";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes report.html, every plot as .png and .svg, and results.csv (when <paramref name="results"/> is
    /// given) into <paramref name="outputDirectory"/>, creating it if needed.
    /// </summary>
    public static ReportFiles Write(ExperimentSummary summary, IReadOnlyList<PromptResult>? results, CollapseReportData? collapse, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var plots = ReportPlots.Render(summary, collapse);
        var written = new List<string>();
        foreach (var plot in plots.All)
        {
            var png = Path.Combine(outputDirectory, plot.Name + ".png");
            var svg = Path.Combine(outputDirectory, plot.Name + ".svg");
            File.WriteAllBytes(png, plot.Png);
            File.WriteAllText(svg, plot.Svg, Utf8);
            written.Add(png);
            written.Add(svg);
        }

        string? csv = null;
        if (results is not null)
        {
            csv = Path.Combine(outputDirectory, CsvFileName);
            File.WriteAllText(csv, ResultsCsv.ToCsv(results, summary.PolyaAlpha()), Utf8);
        }

        var html = Path.Combine(outputDirectory, ReportFileName);
        File.WriteAllText(html, ExperimentPage.Render(summary, plots, collapse, csv is null ? null : CsvFileName), Utf8);
        return new ReportFiles(html, written, csv);
    }

    /// <summary>The report page alone, for the Functions app to store or serve (GET /api/experiments/{id}/report).</summary>
    /// <param name="summary">The experiment's summary.</param>
    /// <param name="collapse">Multi-turn data; default none.</param>
    /// <param name="csvHref">Link to the per-prompt CSV (e.g. "results.csv" or an API path); default none.</param>
    public static string RenderHtml(ExperimentSummary summary, CollapseReportData? collapse = null, string? csvHref = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return ExperimentPage.Render(summary, ReportPlots.Render(summary, collapse), collapse, csvHref);
    }

    /// <summary>The per-prompt CSV as text (for an API download); with <paramref name="polyaAlpha"/>, also the KLs to the Pólya predictive.</summary>
    public static string RenderCsv(IReadOnlyList<PromptResult> results, double? polyaAlpha = null) => ResultsCsv.ToCsv(results, polyaAlpha);

    /// <summary>The index page across experiments.</summary>
    public static string RenderIndex(IReadOnlyList<IndexEntry> entries, string? historyHref = null) => IndexPage.Render(entries, historyHref);

    /// <summary>Writes index.html into <paramref name="outputDirectory"/>; returns its path.</summary>
    public static string WriteIndex(IReadOnlyList<IndexEntry> entries, string outputDirectory, string? historyHref = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, IndexFileName);
        File.WriteAllText(path, RenderIndex(entries, historyHref), Utf8);
        return path;
    }

    /// <summary>The history page with its plots embedded.</summary>
    public static string RenderHistory(IReadOnlyList<HistoryEntry> history) => HistoryPage.Render(history, HistoryPage.Plots(history));

    /// <summary>Writes history.html and its plots (.png, .svg) into <paramref name="outputDirectory"/>; returns the page's path.</summary>
    public static string WriteHistory(IReadOnlyList<HistoryEntry> history, string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var plots = HistoryPage.Plots(history);
        foreach (var plot in plots)
        {
            File.WriteAllBytes(Path.Combine(outputDirectory, plot.Name + ".png"), plot.Png);
            File.WriteAllText(Path.Combine(outputDirectory, plot.Name + ".svg"), plot.Svg, Utf8);
        }

        var path = Path.Combine(outputDirectory, HistoryFileName);
        File.WriteAllText(path, HistoryPage.Render(history, plots), Utf8);
        return path;
    }
}
