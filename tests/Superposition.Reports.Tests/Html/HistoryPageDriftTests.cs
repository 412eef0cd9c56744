using AngleSharp.Html.Parser;
using Superposition.Nightly;

namespace Superposition.Reports.Tests.Html;

public sealed class HistoryPageDriftTests
{
    [Fact]
    public void Flagged_cells_carry_a_marker_with_their_baselines_and_the_drift_list_states_the_test_and_each_flag()
    {
        var history = Samples.History().ToList();
        var model = Samples.Summary.Models[0];
        var distribution = model.Distributions[0].Distribution;
        var flags = new[]
        {
            new DriftComparison(model.Model, distribution, "klRaw", DriftBaseline.Previous, "run-1", true, 40, 40, 2, 0.25, 0.1, 0.4, 0.9983, true),
            new DriftComparison(model.Model, distribution, "klRaw", DriftBaseline.First, "run-0", true, 40, 40, 2, 0.3, 0.15, 0.45, 0.9983, true),
        };
        history[2] = history[2] with { Drift = new HistoryDrift(0.01, 6, flags) };
        history[1] = history[1] with { Drift = new HistoryDrift(0.01, 3, []) };

        var document = new HtmlParser().ParseDocument(ReportWriter.RenderHistory(history));

        var marked = Assert.Single(document.QuerySelectorAll("#history td.drift"));
        Assert.Equal("run-2", marked.ParentElement!.GetAttribute("data-run"));
        Assert.Equal("previous first", marked.GetAttribute("data-drift"));
        Assert.NotNull(marked.QuerySelector("[data-metric='kl-raw']"));
        Assert.Contains("⚠", marked.TextContent, StringComparison.Ordinal);
        var items = document.QuerySelectorAll("#drift li");
        Assert.Equal(["previous", "first"], items.Select(li => li.GetAttribute("data-baseline")));
        Assert.Contains("run-1", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("paired", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2 excluded", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Bonferroni", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2000 resamples", document.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_night_skipped_over_budget_is_a_row_saying_so_and_the_page_still_plots_the_others()
    {
        var history = Samples.History().ToList();
        var budget = new NightlyBudgetDecision(NightlyBudgetDecision.CurrentVersion, "run-3", "run-0", NightlyBudgetDecision.OverBudget, new DateTimeOffset(2025, 3, 15, 2, 0, 0, TimeSpan.Zero), 5000, 0, [], 4000, null, 1500, null);
        history.Add(new Summaries.HistoryEntry(budget.DecidedAt, "run-3", history[0].Experiment, [], Complete: false, Budget: budget));

        var document = new HtmlParser().ParseDocument(ReportWriter.RenderHistory(history));

        var row = Assert.Single(document.QuerySelectorAll("#history tr.skipped"));
        Assert.Equal("run-3", row.GetAttribute("data-run"));
        Assert.Contains("skipped: over budget (estimate 5000 tokens", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("remaining 1500 tokens", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(Samples.Summary.Models[0].Distributions.Count, document.Images.Length);
        Assert.Empty(document.QuerySelectorAll("#drift"));
    }
}
