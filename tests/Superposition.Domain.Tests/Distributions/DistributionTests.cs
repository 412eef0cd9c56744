using Superposition.Distributions;

namespace Superposition.Domain.Tests.Distributions;

public sealed class DistributionTests
{
    [Fact]
    public void Paper_distributions_for_six_tasks_are_uniform_half_on_third_and_alternating_quarter_twelfth()
    {
        Assert.All(PaperDistributions.Get("D1", 6).Weights, w => Assert.Equal(1.0 / 6, w, 12));
        Approx.Equal([0.1, 0.1, 0.5, 0.1, 0.1, 0.1], PaperDistributions.Get("D2", 6).Weights, 1e-12);
        Approx.Equal([0.25, 1.0 / 12, 0.25, 1.0 / 12, 0.25, 1.0 / 12], PaperDistributions.Get("D3", 6).Weights, 1e-12);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Paper_distributions_exist_for_any_number_of_tasks(int k)
    {
        foreach (var name in PaperDistributions.Names)
        {
            var d = PaperDistributions.Get(name, k);
            Assert.Equal(k, d.Count);
            Assert.Equal(1.0, d.Weights.Sum(), 12);
        }

        Assert.Equal(0.5, PaperDistributions.Get("D2", k).Weights[Math.Min(2, k - 1)], 12);
    }

    [Theory]
    [InlineData("D1", new[] { 10, 10, 10, 10, 10, 10 })]
    [InlineData("D2", new[] { 6, 6, 30, 6, 6, 6 })]
    [InlineData("D3", new[] { 15, 5, 15, 5, 15, 5 })]
    public void Sixty_examples_give_the_papers_exact_counts(string name, int[] expected) =>
        Assert.Equal(expected, ExampleCounts.For(PaperDistributions.Get(name, 6), 60));

    [Fact]
    public void Rounding_adds_one_to_each_fractional_task_in_order_until_the_total_is_reached()
    {
        // 60/7 = 8.57 each: floor gives 56, the first four fractional tasks get one more.
        Assert.Equal([9, 9, 9, 9, 8, 8, 8], ExampleCounts.For(PaperDistributions.Get("D1", 7), 60));

        // 10 · (0.55, 0.45) = (5.5, 4.5): floor 9, first task gets the last one.
        Assert.Equal([6, 4], ExampleCounts.For(Distribution.Create("x", [0.55, 0.45]), 10));

        // Integer shares are never bumped: (0.5, 0.25, 0.25) of 8 stays (4, 2, 2).
        Assert.Equal([4, 2, 2], ExampleCounts.For(Distribution.Create("x", [0.5, 0.25, 0.25]), 8));
    }

    [Theory]
    [InlineData(new[] { 0.5, -0.1, 0.6 }, "weight 1")]
    [InlineData(new[] { 0.5, 0.4 }, "sum to")]
    [InlineData(new[] { 0.5, double.NaN }, "weight 1")]
    public void Invalid_vectors_are_rejected_with_the_reason(double[] weights, string reason)
    {
        var e = Assert.Throws<DistributionException>(() => Distribution.Create("bad", weights));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains("bad", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vector_must_have_one_weight_per_task()
    {
        var e = Assert.Throws<DistributionException>(() => Distribution.Create("v", [0.5, 0.5], expectedCount: 3));
        Assert.Contains("3 tasks", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_may_miss_one_by_at_most_one_millionth()
    {
        Assert.Equal(2, Distribution.Create("ok", [0.5, 0.5000009]).Count);
        Assert.Throws<DistributionException>(() => Distribution.Create("off", [0.5, 0.500002]));
    }

    [Fact]
    public void Unknown_paper_name_is_an_error_listing_the_names() =>
        Assert.Contains("D1, D2, D3", Assert.Throws<DistributionException>(() => PaperDistributions.Get("D4", 6)).Message, StringComparison.Ordinal);
}
