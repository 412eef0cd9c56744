using System.Globalization;
using AngleSharp.Html.Parser;
using Superposition.Collapse;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Summaries;

namespace Superposition.Reports.Tests.Html;

public sealed class PolyaReportTests
{
    private static readonly Lazy<ExperimentSummary> PolyaSummary = new(() =>
    {
        var builder = new SummaryBuilder(Samples.Spec with { Polya = new PolyaSpec(1) });
        foreach (var result in Samples.Results("large-70b", beta: 1, mass: 0.9).Concat(Samples.Results("medium-7b", beta: 1.6, mass: 0.4)))
        {
            builder.Add(result);
        }

        return builder.Build(DateTimeOffset.UnixEpoch, Samples.Parameters);
    });

    [Fact]
    public void The_headline_table_shows_the_KL_to_Polya_raw_and_norm_with_intervals()
    {
        var document = new HtmlParser().ParseDocument(ReportWriter.RenderHtml(PolyaSummary.Value));
        var headline = document.QuerySelector("#headline")!;
        var heads = headline.QuerySelectorAll("th").Select(h => h.TextContent).ToList();
        Assert.Contains("KL to Pólya (α = 1), raw", heads);
        Assert.Contains("KL to Pólya (α = 1), norm", heads);
        foreach (var model in PolyaSummary.Value.Models)
        {
            foreach (var d in model.Distributions)
            {
                var polya = d.Terminated!.Polya!;
                foreach (var (metric, value) in new[] { ("kl-raw-polya", polya.KlRaw), ("kl-norm-polya", polya.KlNormalized) })
                {
                    foreach (var (bound, expected) in new[] { ("mean", value.Mean), ("low", value.Low), ("high", value.High) })
                    {
                        PageNumbers.AssertShown(expected, PageNumbers.Find(headline, metric, model.Model, d.Distribution, bound).TextContent, $"{metric}/{model.Model}/{d.Distribution}/{bound}");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_report_without_polya_has_no_KL_to_Polya_columns()
    {
        Assert.DoesNotContain("KL to Pólya", ReportWriter.RenderHtml(Samples.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void The_CSV_with_an_alpha_has_each_measures_KL_to_Polya()
    {
        var result = Samples.PromptResults[0];
        var lines = ReportWriter.RenderCsv([result], 1).Split("\r\n");
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        var expected = PolyaPredictiveKl(result, AnswerMeasure.Terminated);
        Assert.Equal(expected, double.Parse(row[Array.IndexOf(header, "polya_kl_raw")], CultureInfo.InvariantCulture), 12);
        Assert.Equal(PolyaPredictiveKl(result, AnswerMeasure.Prefix), double.Parse(row[Array.IndexOf(header, "prefix_polya_kl_raw")], CultureInfo.InvariantCulture), 12);
        Assert.Contains("polya_kl_normalized", header);
        Assert.DoesNotContain("polya_kl_raw", ReportWriter.RenderCsv([result]), StringComparison.Ordinal);
    }

    /// <summary>Σ π_i ln(π_i / P_i) with π_i = (n_i + 1)/(N + k), written out.</summary>
    private static double PolyaPredictiveKl(PromptResult result, AnswerMeasure measure)
    {
        var n = result.Counts.Sum() + result.Counts.Count;
        return result.Counts.Select((c, i) => (c + 1.0) / n * (Math.Log((c + 1.0) / n) - result.Candidates[i].Of(measure)!.LogProbability)).Sum();
    }

    [Fact]
    public void Collapse_pages_label_the_urn_as_the_Polya_urn_from_n_plus_alpha_and_use_it()
    {
        var data = Samples.Collapse() with { PolyaAlpha = 2 };
        var summary = CollapseSummary(new PolyaSpec(2), new InitialExamples(Counts: [10, 10]));
        var document = new HtmlParser().ParseDocument(ReportWriter.RenderHtml(summary, data));
        Assert.Contains(document.QuerySelectorAll("#collapse-models th"), h => h.TextContent == "Pólya urn from n + α");
        Assert.Contains(document.QuerySelectorAll("#collapse td"), c => c.TextContent == "Pólya urn from n + α, α = 2 (exact)");

        var expected = UrnPredictions.ExactForTotals([12, 12], [.. data.Runs.Select(r => r.TaskAnswers)]).CollapseIndex;
        PageNumbers.AssertShown(expected, PageNumbers.Find(document.QuerySelector("#collapse")!, "collapse-index", "calibrated-urn", null, "mean").TextContent, "collapse-index/calibrated-urn");
        Assert.DoesNotContain("Pólya urn from n + α", ReportWriter.RenderHtml(Samples.CollapseSummary(), Samples.Collapse()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_run_from_two_initial_settings_has_a_row_for_each_labelled_by_its_counts()
    {
        var summary = CollapseSummary(null, new InitialExamples(Counts: [10, 10]), new InitialExamples(Counts: [4, 16]));
        var document = new HtmlParser().ParseDocument(ReportWriter.RenderHtml(summary));
        var models = document.QuerySelectorAll("#collapse-models tbody tr").Select(r => r.Children[0].TextContent).ToList();
        Assert.Equal(["m (counts 10,10)", "m (counts 4,16)"], models);
    }

    private static ExperimentSummary CollapseSummary(PolyaSpec? polya, params InitialExamples[] settings)
    {
        var spec = new ExperimentSpec
        {
            Name = "collapse-polya",
            Kind = ExperimentKind.Collapse,
            Tasks = ["country.capital", "country.first-letter"],
            Models = ["m"],
            Collapse = new CollapseSpec(new InitialSettings(settings, asArray: settings.Length > 1), Turns: 40, Runs: 200),
            Polya = polya,
        };
        var builder = new CollapseSummaryBuilder(spec);
        var runs = Samples.Collapse().Runs;
        for (var s = 0; s < settings.Length; s++)
        {
            for (var r = 0; r < runs.Count; r++)
            {
                builder.Add(new CollapseRunResult(1, spec.Name, "m", (s * 200) + r, spec.Tasks, settings[s].Counts!, [], runs[r].TaskCounts, runs[r].OtherCount, 1.0, ScoringCost.None, DateTimeOffset.UnixEpoch));
            }
        }

        return builder.Build(DateTimeOffset.UnixEpoch);
    }
}
