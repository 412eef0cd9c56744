using Superposition.Collapse;

namespace Superposition.Domain.Tests.Collapse;

public sealed class DispersionMomentsTests
{
    [Theory]
    [InlineData(new[] { 1.5, 2, 7.25 }, 24)]
    [InlineData(new[] { 3.0, 3.0 }, 200)]
    [InlineData(new[] { 1000.0, 1000.0 }, 200)]
    [InlineData(new[] { 10.0, 10.0 }, 100)]
    [InlineData(new[] { 0.5, 5.0 }, 1)]
    [InlineData(new[] { 0.5, 5.0 }, 2)]
    [InlineData(new[] { 0.3, 0.3, 0.3, 3.0 }, 20)]
    [InlineData(new[] { 4.0, 4.0, 8.0 }, 30)]
    public void Closed_form_mean_and_variance_of_a_run_term_equal_exact_enumeration(double[] a, int turns)
    {
        var statistic = new UrnDispersion.RunStatistic(a);
        var cells = DirichletMultinomial.Enumerate(a, turns).Select(c => (D: statistic.Of(c.Counts), P: c.Probability)).ToArray();
        var mean = cells.Sum(c => c.P * c.D);
        var variance = cells.Sum(c => c.P * (c.D - mean) * (c.D - mean));

        var moments = DispersionMoments.Of(a, turns);

        Assert.Equal(a.Length - 1, mean, 1e-9);
        Assert.Equal(a.Length - 1, moments.Mean, 1e-9);
        Assert.Equal(variance, moments.Variance, variance * 1e-8);
    }

    [Fact]
    public void One_answer_from_equal_shares_gives_every_run_the_same_term()
    {
        Assert.Equal(0, DispersionMoments.Of([2, 2, 2], 1).Variance, 1e-12);
    }
}
