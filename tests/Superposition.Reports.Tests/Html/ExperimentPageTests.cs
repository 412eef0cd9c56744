using System.Globalization;
using AngleSharp.Html.Parser;
using Superposition.Summaries;

namespace Superposition.Reports.Tests.Html;

public sealed class ExperimentPageTests
{
    private static readonly Lazy<string> Page = new(() => ReportWriter.RenderHtml(Samples.Summary, Samples.Collapse(), "results.csv"));

    private static readonly Lazy<ExperimentSummary> CollapseSummary = new(Samples.CollapseSummary);

    private static readonly Lazy<string> CollapsePage = new(() => ReportWriter.RenderHtml(CollapseSummary.Value, Samples.Collapse()));

    [Fact]
    public void Headline_numbers_equal_the_summary_to_four_decimals_with_infinity_as_symbol()
    {
        var document = new HtmlParser().ParseDocument(Page.Value);
        var checkedCount = 0;
        foreach (var (metric, model, distribution, bound, expected) in PageNumbers.Expected(Samples.Summary))
        {
            var element = PageNumbers.Find(document.QuerySelector("#headline")!, metric, model, distribution, bound);
            PageNumbers.AssertShown(expected, element.TextContent, $"{metric}/{model}/{distribution}/{bound}");
            checkedCount++;
        }

        Assert.Equal(Samples.Summary.Models.Sum(m => m.Distributions.Count) * 14, checkedCount);
        Assert.Contains(document.QuerySelectorAll("#headline [data-metric]"), e => e.TextContent == "∞");
    }

    [Fact]
    public void Each_models_numbers_across_distributions_are_shown_with_their_intervals_infinite_where_a_distribution_is()
    {
        var document = new HtmlParser().ParseDocument(Page.Value);
        var table = document.QuerySelector("#across-distributions-table")!;
        foreach (var model in Samples.Summary.Models)
        {
            foreach (var (metric, value) in new[] { ("kl-raw-prefix", model.PrefixAcross!.KlRaw), ("kl-raw", model.Across!.KlRaw), ("kl-norm", model.Across.KlNormalized), ("valid-mass", model.Across.ValidMass) })
            {
                foreach (var (bound, expected) in new[] { ("mean", value.Mean), ("low", value.Low), ("high", value.High) })
                {
                    PageNumbers.AssertShown(expected, PageNumbers.Find(table, metric, model.Model, Superposition.Reports.Html.AcrossDistributionsTable.Distribution, bound).TextContent, $"{metric}/{model.Model}/{bound}");
                }
            }
        }

        // Ordered by parameters like the headline table; "broken" (a zero every third prompt) averages to ∞.
        Assert.Equal(["medium-7b", "large-70b"], table.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-model")).Skip(1).Take(2));
        Assert.Equal("∞", PageNumbers.Find(table, "kl-raw", "broken", Superposition.Reports.Html.AcrossDistributionsTable.Distribution, "mean").TextContent);
    }

    [Fact]
    public void Calibration_exponent_is_shown_per_model_with_its_interval()
    {
        var document = new HtmlParser().ParseDocument(Page.Value);
        foreach (var model in Samples.Summary.Models.Where(m => m.Exponent is { Identifiable: true }))
        {
            foreach (var (bound, value) in new[] { ("mean", model.Exponent!.Beta!.Value), ("low", model.Exponent.Low!.Value), ("high", model.Exponent.High!.Value) })
            {
                var element = PageNumbers.Find(document, "beta", model.Model, null, bound);
                PageNumbers.AssertShown(value, element.TextContent, $"beta/{model.Model}/{bound}");
            }

            // The distance from a power law is its own figure beside the interval, for each measure.
            PageNumbers.AssertShown(model.Exponent.PowerLawResidual!.Value, PageNumbers.Find(document, "power-law-residual", model.Model, null, "mean").TextContent, $"residual/{model.Model}");
            PageNumbers.AssertShown(model.PrefixExponent!.Beta!.Value, PageNumbers.Find(document, "beta-prefix", model.Model, null, "mean").TextContent, $"beta-prefix/{model.Model}");
        }
    }

    [Fact]
    public void Model_names_are_escaped_so_no_markup_from_data_reaches_the_page()
    {
        var document = new HtmlParser().ParseDocument(Page.Value);
        Assert.Empty(document.Scripts);
        Assert.Empty(document.QuerySelectorAll("b"));
        Assert.Contains(document.QuerySelectorAll("#headline td"), td => td.TextContent == Samples.HostileModel);
    }

    [Fact]
    public void Page_is_self_contained_with_embedded_images_and_no_external_references()
    {
        var document = new HtmlParser().ParseDocument(Page.Value);
        Assert.Equal("Superposition report: fig6-numbers", document.Title);
        var images = document.Images.ToList();
        Assert.NotEmpty(images);
        Assert.All(images, img => Assert.StartsWith("data:image/png;base64,", img.GetAttribute("src"), StringComparison.Ordinal));
        Assert.NotEmpty(document.QuerySelectorAll("figure svg"));
        Assert.Empty(document.QuerySelectorAll("link[href], script[src]"));
        Assert.DoesNotContain("http://www.w3.org/1999/xlink\" href=\"http", Page.Value, StringComparison.Ordinal);
        var withoutImages = System.Text.RegularExpressions.Regex.Replace(Page.Value, "base64,[A-Za-z0-9+/=]+", "base64,");
        Assert.DoesNotContain("NaN", withoutImages, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_KL_captions_show_distributions_for_each_finite_KL()
    {
        var document = new HtmlParser().ParseDocument(Page.Value);
        var finite = Samples.Summary.Models.Sum(m => m.Distributions.Count(d => ReportPlots.ExplainedKl(d) is { Kl: > 0 and < double.PositiveInfinity }));
        var figures = document.QuerySelectorAll("figure[id^='equal-kl-']");
        Assert.Equal(finite, figures.Length);
        Assert.All(figures, f => Assert.Contains("is as far as", f.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Collapse_table_shows_observed_and_predicted_collapse_index()
    {
        var document = new HtmlParser().ParseDocument(Page.Value);
        var data = Samples.Collapse();
        var observed = Collapse.CollapseStatistics.Summarize(data.Runs);
        var shown = document.QuerySelectorAll("#collapse [data-metric='collapse-index']").Single(e => e.GetAttribute("data-model") == "observed").TextContent;
        PageNumbers.AssertShown(observed.CollapseIndex, shown, "observed collapse index");
        Assert.Single(document.QuerySelectorAll("#collapse [data-model='beta-urn'][data-metric='collapse-index']"));
    }

    [Fact]
    public void Collapse_models_table_shows_both_tests_of_every_model_and_how_to_read_them()
    {
        var document = new HtmlParser().ParseDocument(CollapsePage.Value);
        var table = document.QuerySelector("#collapse-models")!;
        foreach (var model in CollapseSummary.Value.Collapse!)
        {
            var dispersion = model.Report.Dispersion!;
            Assert.Equal(PValue(model.Report.Fit.PValue), PageNumbers.Find(table, "fit-p", model.Model, null, "mean").TextContent);
            Assert.Equal(model.Report.Fit.Runs.ToString(CultureInfo.InvariantCulture), PageNumbers.Find(table, "fit-runs", model.Model, null, "mean").TextContent);
            PageNumbers.AssertShown(dispersion.Ratio, PageNumbers.Find(table, "dispersion-ratio", model.Model, null, "mean").TextContent, $"dispersion ratio of {model.Model}");
            Assert.Equal(PValue(dispersion.PValue), PageNumbers.Find(table, "dispersion-p", model.Model, null, "mean").TextContent);
        }

        // The flattened model is under-dispersed, which the page shows as a ratio below 1.
        Assert.True(CollapseSummary.Value.Collapse!.Single(m => m.Model == "flat-1b").Report.Dispersion!.Ratio < 1);
        Assert.Contains("below 1 they stay nearer the start", document.QuerySelector(".fit-reading")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_the_chi_square_left_out_are_counted_on_the_page()
    {
        var medium = CollapseSummary.Value.Collapse!.Single(m => m.Model == "medium-7b");
        Assert.True(medium.Report.Fit.ExcludedRuns > 0, "the sample should have runs at totals too rare to test");

        var document = new HtmlParser().ParseDocument(CollapsePage.Value);
        var shown = PageNumbers.Find(document.QuerySelector("#collapse-models")!, "fit-excluded-runs", "medium-7b", null, "mean").TextContent;

        Assert.Equal(medium.Report.Fit.ExcludedRuns.ToString(CultureInfo.InvariantCulture), shown);
        Assert.Empty(document.QuerySelectorAll("#collapse-models [data-metric='fit-excluded-runs'][data-model='flat-1b']"));
    }

    [Fact]
    public void A_beta_urn_problem_is_shown_for_its_model()
    {
        var document = new HtmlParser().ParseDocument(CollapsePage.Value);

        var problem = Assert.Single(document.QuerySelectorAll("#beta-urn-problems li"));
        Assert.Equal("medium-7b", problem.GetAttribute("data-model"));
        Assert.Contains("No beta-urn for medium-7b: calibration experiment 'fig6-countries' does not have the tasks of collapse experiment 'collapse-sample'", problem.TextContent, StringComparison.Ordinal);
        Assert.Contains("lacks task(s) country.first-letter", problem.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Featured_model_section_shows_that_models_tests_from_the_summary()
    {
        var document = new HtmlParser().ParseDocument(CollapsePage.Value);
        var medium = CollapseSummary.Value.Collapse!.Single(m => m.Model == "medium-7b").Report;
        var section = document.QuerySelector("#collapse-fit")!;

        Assert.Equal(PValue(medium.Dispersion!.PValue), PageNumbers.Find(section, "dispersion-p", "medium-7b", null, "mean").TextContent);
        Assert.Equal(PValue(medium.Fit.PValue), PageNumbers.Find(section, "fit-p", "medium-7b", null, "mean").TextContent);
    }

    private static string PValue(double p) => p == 0 ? "< 1e-300" : p.ToString("G3", CultureInfo.InvariantCulture);
}
