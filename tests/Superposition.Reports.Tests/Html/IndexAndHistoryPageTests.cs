using AngleSharp.Html.Parser;

namespace Superposition.Reports.Tests.Html;

public sealed class IndexAndHistoryPageTests
{
    [Fact]
    public void Index_links_each_experiment_and_shows_its_headline_KL()
    {
        var other = Samples.Summary with { Experiment = "fig6-countries" };
        var html = ReportWriter.RenderIndex([new(Samples.Summary, "fig6-numbers/report.html"), new(other, "fig6-countries/report.html")], "history.html");
        var document = new HtmlParser().ParseDocument(html);
        var links = document.QuerySelectorAll("#experiments a").Select(a => a.GetAttribute("href")).Distinct().ToList();
        Assert.Equal(["fig6-countries/report.html", "fig6-numbers/report.html"], links);
        var model = Samples.Summary.Models[0];
        var d = model.Distributions[0];
        var cell = document.QuerySelectorAll("tr[data-experiment='fig6-numbers'] [data-metric='kl-raw']").Single(e => e.GetAttribute("data-model") == model.Model && e.GetAttribute("data-distribution") == d.Distribution);
        PageNumbers.AssertShown(d.Terminated!.KlRaw.Mean, cell.TextContent, "index kl-raw");
        var prefix = document.QuerySelectorAll("tr[data-experiment='fig6-numbers'] [data-metric='kl-raw-prefix']").Single(e => e.GetAttribute("data-model") == model.Model && e.GetAttribute("data-distribution") == d.Distribution);
        PageNumbers.AssertShown(d.Prefix!.KlRaw.Mean, prefix.TextContent, "index kl-raw-prefix");
    }

    [Fact]
    public void Index_lists_a_collapse_experiment_whose_report_exists_with_its_collapse_numbers_not_as_without_results()
    {
        // As the demo writes them: a calibration experiment and a collapse one, each report written, then the index.
        var folder = Path.Combine(Path.GetTempPath(), "superposition-index-" + Guid.NewGuid().ToString("N"));
        try
        {
            var collapse = Samples.CollapseSummary();
            ReportWriter.Write(Samples.Summary, Samples.PromptResults, null, Path.Combine(folder, "fig6-numbers"));
            ReportWriter.Write(collapse, null, Samples.Collapse(), Path.Combine(folder, "collapse-sample"));
            var empty = Samples.Summary with { Experiment = "not-run-yet", Models = [] };
            var index = ReportWriter.WriteIndex(
                [new(Samples.Summary, "fig6-numbers/report.html"), new(collapse, "collapse-sample/report.html"), new(empty, "not-run-yet/report.html")], folder);

            var document = new HtmlParser().ParseDocument(File.ReadAllText(index));
            var rows = document.QuerySelectorAll("#collapse-experiments tr[data-experiment='collapse-sample']");
            Assert.Equal(collapse.Collapse!.Select(m => m.Model), rows.Select(r => r.Children[2].TextContent));
            Assert.All(rows, r => Assert.Equal("collapse-sample/report.html", r.QuerySelector("a")!.GetAttribute("href")));
            Assert.True(File.Exists(Path.Combine(folder, "collapse-sample", ReportWriter.ReportFileName)));
            foreach (var m in collapse.Collapse!)
            {
                var observed = document.QuerySelectorAll("#collapse-experiments [data-metric='collapse-index'][data-distribution='observed']").Single(e => e.GetAttribute("data-model") == m.Model);
                PageNumbers.AssertShown(m.Report.Observed.CollapseIndex, observed.TextContent, "index collapse index");
                var urn = document.QuerySelectorAll("#collapse-experiments [data-metric='collapse-index'][data-distribution='calibrated-urn']").Single(e => e.GetAttribute("data-model") == m.Model);
                PageNumbers.AssertShown(m.Report.CalibratedUrn.CollapseIndex, urn.TextContent, "index urn collapse index");
            }

            // Only the experiment without results says so; the collapse one is in no calibration row.
            var without = document.QuerySelectorAll("tr").Where(r => r.TextContent.Contains("no results yet", StringComparison.Ordinal)).Select(r => r.GetAttribute("data-experiment"));
            Assert.Equal(["not-run-yet"], without);
            Assert.Empty(document.QuerySelectorAll("#experiments tr[data-experiment='collapse-sample']"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void History_page_has_one_plot_per_distribution_and_a_row_per_run_model_and_distribution()
    {
        var history = Samples.History();
        var document = new HtmlParser().ParseDocument(ReportWriter.RenderHistory(history));
        Assert.Equal(Samples.Summary.Models[0].Distributions.Count, document.Images.Length);
        Assert.Equal(history.Sum(e => e.Headlines.Count), document.QuerySelectorAll("#history tbody tr").Length);
    }
}
