using Superposition.Summaries;

namespace Superposition.Cli.Tests.Output;

public sealed class CompactTablesTests
{
    [Fact]
    public void Names_that_share_a_prefix_up_to_a_dash_are_shown_without_it_and_the_prefix_is_returned_for_the_heading()
    {
        var (prefix, names) = CompactTables.Shortened(["train-numbers-dirichlet-l1-w16", "train-numbers-single-l3-w56"]);

        Assert.Equal("train-numbers-", prefix);
        Assert.Equal(["dirichlet-l1-w16", "single-l3-w56"], names);
    }

    [Theory]
    [InlineData("qwen7b gpt4o")]
    [InlineData("reference-calibrated")]
    [InlineData("ab-x ab-y")]
    [InlineData("model-a model-")]
    public void Names_without_a_long_enough_shared_prefix_or_a_single_model_are_kept_whole(string list)
    {
        var models = list.Split(' ');
        var (prefix, names) = CompactTables.Shortened(models);

        Assert.Null(prefix);
        Assert.Equal(models, names);
    }

    [Fact]
    public void A_point_interval_shows_the_mean_alone_and_a_real_one_shows_its_bounds()
    {
        Assert.Equal("0.103", CompactTables.Interval(new MetricSummary(0.1034, 0.1031, 0.1032)));
        Assert.Equal("0.263 (0.242–0.285)", CompactTables.Interval(new MetricSummary(0.263, 0.242, 0.285)));
        Assert.Equal("–", CompactTables.Interval(null));
    }
}
