using System.Text;
using Superposition.Collapse;
using Superposition.Reports.Csv;
using Superposition.Reports.Html;
using Superposition.Reports.Plots;
using Superposition.Results;
using Superposition.Summaries;
using Superposition.Training;

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
        var written = WritePlots(plots.All, outputDirectory);

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

    /// <summary>The index page across experiments, with <paramref name="links"/> to other pages (the trained sweep's) at its top.</summary>
    public static string RenderIndex(IReadOnlyList<IndexEntry> entries, string? historyHref = null, IReadOnlyList<IndexLink>? links = null) =>
        IndexPage.Render(entries, historyHref, links);

    /// <summary>Writes index.html into <paramref name="outputDirectory"/>; returns its path.</summary>
    public static string WriteIndex(IReadOnlyList<IndexEntry> entries, string outputDirectory, string? historyHref = null, IReadOnlyList<IndexLink>? links = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, IndexFileName);
        File.WriteAllText(path, RenderIndex(entries, historyHref, links), Utf8);
        return path;
    }

    /// <summary>
    /// The trained sweep's page alone: the trained models' records and, when run, the calibration and collapse
    /// experiments over them (<see cref="WriteTrainedSweep"/>).
    /// </summary>
    public static string RenderTrainedSweep(IReadOnlyList<TrainedModelRecord> models, ExperimentSummary? calibration, ExperimentSummary? collapse)
    {
        var sweep = new TrainedSweep(models, calibration, collapse);
        return TrainedSweepPage.Render(sweep, TrainedSweepPlots.Render(sweep));
    }

    /// <summary>
    /// Writes the trained sweep's page as index.html and its plots (.png, .svg) into <paramref name="outputDirectory"/>;
    /// returns the page's path. A missing summary leaves its sections out; a missing evaluation reads "n/a".
    /// </summary>
    public static string WriteTrainedSweep(IReadOnlyList<TrainedModelRecord> models, ExperimentSummary? calibration, ExperimentSummary? collapse, string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var sweep = new TrainedSweep(models, calibration, collapse);
        var plots = TrainedSweepPlots.Render(sweep);
        WritePlots(plots.All, outputDirectory);
        var path = Path.Combine(outputDirectory, IndexFileName);
        File.WriteAllText(path, TrainedSweepPage.Render(sweep, plots), Utf8);
        return path;
    }

    /// <summary>
    /// The trained sweep's findings as Markdown (<see cref="Markdown.FindingsMarkdown"/>): the paper's Fig. 6 over
    /// size, the multi-turn runs against the urns and the regime contrast, with the numbers of the sweep's page.
    /// </summary>
    public static string RenderFindings(IReadOnlyList<TrainedModelRecord> models, ExperimentSummary? calibration, ExperimentSummary? collapse) =>
        Markdown.FindingsMarkdown.Render(new TrainedSweep(models, calibration, collapse));

    /// <summary>The history page with its plots embedded.</summary>
    public static string RenderHistory(IReadOnlyList<HistoryEntry> history) => HistoryPage.Render(history, HistoryPage.Plots(history));

    /// <summary>Writes history.html and its plots (.png, .svg) into <paramref name="outputDirectory"/>; returns the page's path.</summary>
    public static string WriteHistory(IReadOnlyList<HistoryEntry> history, string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var plots = HistoryPage.Plots(history);
        WritePlots(plots, outputDirectory);
        var path = Path.Combine(outputDirectory, HistoryFileName);
        File.WriteAllText(path, HistoryPage.Render(history, plots), Utf8);
        return path;
    }

    /// <summary>Each plot as .png and .svg, named after it; returns the files' paths.</summary>
    private static List<string> WritePlots(IEnumerable<RenderedPlot> plots, string outputDirectory)
    {
        var written = new List<string>();
        foreach (var plot in plots)
        {
            var png = Path.Combine(outputDirectory, plot.Name + ".png");
            var svg = Path.Combine(outputDirectory, plot.Name + ".svg");
            File.WriteAllBytes(png, plot.Png);
            File.WriteAllText(svg, plot.Svg, Utf8);
            written.Add(png);
            written.Add(svg);
        }

        return written;
    }
}
