using ScottPlot.TickGenerators;
using Superposition.Reports.Plots;
using Superposition.Summaries;

namespace Superposition.Reports.Tests.Plots;

public sealed class PlotRenderingTests
{
    public static TheoryData<string> PlotNames => ["fig6", "exponent", "mean-probability", "equal-kl", "collapse-shares", "trajectories", "history"];

    /// <summary>The plot named by <see cref="PlotNames"/>, drawn from the samples.</summary>
    internal static RenderedPlot Render(string name) => name switch
    {
        "fig6" => Fig6KlPlot.Render(Samples.Summary),
        "exponent" => ExponentPlot.Render(Samples.Summary),
        "mean-probability" => MeanProbabilityPlot.Render(Samples.Summary.Models[0]),
        "equal-kl" => EqualKlPlot.Render("equal-kl", [1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0], 1.5, "test", Samples.Summary.Tasks)!,
        "collapse-shares" => CollapseSharesPlot.Render(Samples.Collapse()),
        "trajectories" => TrajectoryPlot.Render(Samples.Collapse())!,
        "history" => HistoryPlot.Render(Samples.History(), Samples.Summary.Experiment, "D1"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void Plot_renders_a_PNG_and_an_SVG_of_its_declared_size(string name)
    {
        var plot = Render(name);
        Images.AssertPng(plot.Png, plot.Width, plot.Height);
        Images.AssertSvg(plot.Svg, plot.Width, plot.Height);
        Assert.False(string.IsNullOrWhiteSpace(plot.Title));
    }

    [Fact]
    public void Fig6_orders_models_by_parameter_count_with_unknown_last_whatever_the_summary_order()
    {
        var summary = Samples.Summary with { Models = [.. Samples.Summary.Models.Reverse()] };
        var panels = Fig6KlPlot.Panels(summary);
        Assert.Equal(3, panels.Length);
        foreach (var panel in panels)
        {
            // A staggered label starts with blank lines: its name is the first line with text.
            var ticks = ((NumericManual)panel.Axes.Bottom.TickGenerator).Ticks.OrderBy(t => t.Position).Select(t => t.Label.Split('\n').First(l => l.Length > 0));
            Assert.Equal([ModelLabels.Shorten(Samples.HostileModel), "medium-7b", "large-70b", "broken"], ticks);
        }
    }

    [Fact]
    public void Fig6_leads_with_the_paper_comparable_prefix_inclusive_KL_and_drops_panels_no_model_has()
    {
        var panels = Fig6KlPlot.Panels(Samples.Summary);
        Assert.StartsWith("KL_raw, prefix-inclusive P", panels[0].Axes.Title.Label.Text, StringComparison.Ordinal);
        Assert.Contains("paper", panels[0].Axes.Title.Label.Text, StringComparison.Ordinal);

        // A model scored only by the authors' procedures has no P(answer + "\n"): one panel, the paper-comparable one.
        var prefixOnly = Samples.Summarize(Samples.PromptResults.Select(r => r with { Terminated = null, Candidates = [.. r.Candidates.Select(c => c with { Terminated = null })] }));
        var only = Assert.Single(Fig6KlPlot.Panels(prefixOnly));
        Assert.StartsWith("KL_raw, prefix-inclusive P", only.Axes.Title.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_equal_KL_explainer_takes_the_paper_comparable_KL_unless_it_is_negative()
    {
        var d = Samples.Summary.Models.Single(m => m.Model == "medium-7b").Distributions[1];
        Assert.Equal((d.Prefix!.KlRaw.Mean, "prefix-inclusive KL_raw"), ReportPlots.ExplainedKl(d));

        // A valid mass above 1 (an answer that is a prefix of another) makes the prefix-inclusive KL_raw negative.
        var negative = d with { Prefix = d.Prefix with { KlRaw = new Summaries.MetricSummary(-0.05, -0.06, -0.04) } };
        Assert.Equal(d.Terminated!.KlRaw.Mean, ReportPlots.ExplainedKl(negative)!.Value.Kl);
    }

    [Fact]
    public void Fig6_draws_infinite_KL_without_NaN_in_the_SVG()
    {
        var broken = Samples.Summary.Models.Single(m => m.Model == "broken");
        Assert.Contains(broken.Distributions, d => double.IsPositiveInfinity(d.Terminated!.KlRaw.Mean));
        var plot = Fig6KlPlot.Render(Samples.Summary);
        Assert.DoesNotContain("NaN", plot.Svg, StringComparison.Ordinal);
        Assert.Contains("∞", plot.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_KL_plot_is_absent_for_an_infinite_KL()
    {
        Assert.Null(EqualKlPlot.Render("x", [0.5, 0.5], double.PositiveInfinity, "test", ["a", "b"]));
    }

    [Fact]
    public void Collapse_report_data_tracks_the_task_with_most_examples_and_rejects_bad_classes()
    {
        var data = Samples.Collapse() with { InitialCounts = [5, 12], Runs = [new Collapse.RunOutcome([3, 4])], Trajectories = [[0, 1, -1]] };
        Assert.Equal(1, data.TrackedTask);
        data.Validate();
        var bad = data with { Trajectories = [[0, 2]] };
        var error = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.Contains("class 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_entry_from_a_summary_keeps_every_model_and_distribution()
    {
        var entry = HistoryEntry.FromSummary("run-1", Samples.Summary);
        Assert.Equal(Samples.Summary.Models.Sum(m => m.Distributions.Count), entry.Headlines.Count);
        Assert.Equal(Samples.Summary.GeneratedAt, entry.Date);
        var medium = entry.Headlines.Single(h => h.Model == "medium-7b" && h.Distribution == "D2");
        Assert.Equal(Samples.Summary.Models.Single(m => m.Model == "medium-7b").Distributions.Single(d => d.Distribution == "D2").Terminated!.KlRaw, medium.KlRaw);
    }
}
