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
    public void History_page_has_one_plot_per_distribution_and_a_row_per_run_model_and_distribution()
    {
        var history = Samples.History();
        var document = new HtmlParser().ParseDocument(ReportWriter.RenderHistory(history));
        Assert.Equal(Samples.Summary.Models[0].Distributions.Count, document.Images.Length);
        Assert.Equal(history.Sum(e => e.Headlines.Count), document.QuerySelectorAll("#history tbody tr").Length);
    }
}
