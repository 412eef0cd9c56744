using Superposition.Collapse;

namespace Superposition.Domain.Tests.Collapse;

public sealed class CollapseRuleTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 9)]
    [InlineData(11, 10)] // 9.9 rounds up
    [InlineData(20, 18)]
    [InlineData(60, 54)]
    [InlineData(100, 90)]
    [InlineData(101, 91)] // 90.9 rounds up
    public void Minimum_dominant_count_is_the_ceiling_of_ninety_percent(int total, int expected)
    {
        Assert.Equal(expected, CollapseRule.MinimumDominantCount(total));
    }

    [Theory]
    [InlineData(new[] { 90, 10 }, true)]
    [InlineData(new[] { 89, 11 }, false)]
    [InlineData(new[] { 0, 9, 1 }, true)]
    [InlineData(new[] { 5, 5 }, false)]
    [InlineData(new[] { 1, 0 }, true)]
    public void A_run_collapsed_when_its_dominant_task_has_at_least_ninety_percent(int[] counts, bool collapsed)
    {
        Assert.Equal(collapsed, CollapseRule.IsCollapsed(counts));
    }

    [Fact]
    public void Entropy_is_in_nats_with_zero_log_zero_equal_to_zero()
    {
        Assert.Equal(Math.Log(2), CollapseRule.Entropy([1, 1]), 1e-15);
        Assert.Equal(Math.Log(4), CollapseRule.Entropy([3, 3, 3, 3]), 1e-15);
        Assert.Equal(0, CollapseRule.Entropy([5, 0]));
        Assert.Equal(-(0.9 * Math.Log(0.9)) - (0.1 * Math.Log(0.1)), CollapseRule.Entropy([9, 1, 0]), 1e-15);
    }

    [Fact]
    public void A_run_without_task_answers_has_no_shares()
    {
        Assert.Equal("taskCounts", Assert.Throws<ArgumentException>(() => CollapseRule.Entropy([0, 0])).ParamName);
        Assert.Equal("taskCounts", Assert.Throws<ArgumentException>(() => CollapseRule.IsCollapsed([0, 0])).ParamName);
    }
}
