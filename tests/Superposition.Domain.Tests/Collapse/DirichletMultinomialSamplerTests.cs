using MathNet.Numerics;
using Superposition.Collapse;
using Superposition.Randomness;

namespace Superposition.Domain.Tests.Collapse;

public sealed class DirichletMultinomialSamplerTests
{
    [Fact]
    public void Sampled_two_task_counts_match_the_exact_beta_binomial_pmf()
    {
        // a = (3, 3), T = 20: the rarest count (0 or 20) expects about 60 of 50,000 runs, so no pooling is needed.
        const int Turns = 20;
        var observed = Histogram([3, 3], Turns, 50_000, seed: 61);
        var cells = DirichletMultinomial.Enumerate([3, 3], Turns).ToArray();

        Assert.True(GoodnessOfFit(observed, cells, 50_000) > 1e-4);
    }

    [Fact]
    public void Sampled_four_task_counts_match_the_exact_dirichlet_multinomial_pmf()
    {
        // a = (0.5, 1, 2, 3), T = 5: 56 count vectors, the rarest (5, 0, 0, 0) expects about 20 of 100,000 runs.
        double[] a = [0.5, 1, 2, 3];
        var observed = Histogram(a, 5, 100_000, seed: 62);
        var cells = DirichletMultinomial.Enumerate(a, 5).ToArray();

        Assert.True(cells.Min(c => c.Probability) * 100_000 > 5);
        Assert.True(GoodnessOfFit(observed, cells, 100_000) > 1e-4);
    }

    [Theory]
    [InlineData(new[] { 3.0, 3.0 }, 200)]
    [InlineData(new[] { 4.0, 4.0, 8.0 }, 30)]
    [InlineData(new[] { 0.3, 0.3, 0.3, 3.0 }, 12)]
    public void Sampled_counts_have_the_same_law_as_the_turn_by_turn_urn(double[] a, int turns)
    {
        // Two-sample chi-square of homogeneity over count vectors, the rarer ones pooled (in order of their exact
        // probability, which neither sample chose) until each pooled cell expects at least 20 runs of each sample.
        const int Runs = 40_000;
        var direct = Histogram(a, turns, Runs, seed: 63);
        var urn = UrnSimulator.Simulate(UrnModel.Linear(a), turns, Runs, seed: 64).Runs
            .GroupBy(r => string.Join(",", r.TaskCounts)).ToDictionary(g => g.Key, g => g.Count());
        var order = DirichletMultinomial.Enumerate(a, turns).OrderByDescending(c => c.Probability).ToArray();
        List<(int Direct, int Urn)> pooled = [];
        var (d, u, mass) = (0, 0, 0.0);
        foreach (var cell in order)
        {
            var key = string.Join(",", cell.Counts);
            (d, u, mass) = (d + direct.GetValueOrDefault(key), u + urn.GetValueOrDefault(key), mass + cell.Probability);
            if (mass * Runs >= 20)
            {
                pooled.Add((d, u));
                (d, u, mass) = (0, 0, 0.0);
            }
        }

        pooled[^1] = (pooled[^1].Direct + d, pooled[^1].Urn + u);
        var x2 = pooled.Sum(c => (c.Direct - c.Urn) * (double)(c.Direct - c.Urn) / (c.Direct + c.Urn));

        Assert.True(pooled.Count > 10, $"{pooled.Count} cells");
        Assert.True(SpecialFunctions.GammaUpperRegularized((pooled.Count - 1) / 2.0, x2 / 2) > 1e-4, $"X² = {x2} on {pooled.Count - 1} df");
    }

    [Fact]
    public void Runs_too_long_for_the_tables_are_replayed_turn_by_turn_with_the_same_mean_shares()
    {
        // Six tasks and 2,000 answers would need 4 · 2001 · 2002 / 2 ≈ 8 million table entries, over the cap.
        double[] a = [1, 1, 1, 1, 2, 4];
        var sampler = new DirichletMultinomialSampler(a);
        var random = Seeds.Create(65, "test");
        var counts = new int[6];
        var last = 0.0;
        for (var r = 0; r < 400; r++)
        {
            sampler.Sample(random, 2000, counts);
            Assert.Equal(2000, counts.Sum());
            last += counts[5] / 2000.0 / 400;
        }

        // Share of the last task: mean 0.4, sd of a run's share about sqrt(0.4 · 0.6 / 11) ≈ 0.15, of the mean 0.0074.
        Assert.InRange(last, 0.4 - 0.03, 0.4 + 0.03);
    }

    [Fact]
    public void The_same_stream_gives_the_same_counts()
    {
        Assert.Equal(Histogram([1.5, 2, 7.25], 24, 200, seed: 66), Histogram([1.5, 2, 7.25], 24, 200, seed: 66));
    }

    private static Dictionary<string, int> Histogram(double[] a, int turns, int runs, int seed)
    {
        var sampler = new DirichletMultinomialSampler(a);
        var random = Seeds.Create(seed, "test");
        var counts = new int[a.Length];
        var histogram = new Dictionary<string, int>();
        for (var r = 0; r < runs; r++)
        {
            sampler.Sample(random, turns, counts);
            var key = string.Join(",", counts.ToArray());
            histogram[key] = histogram.GetValueOrDefault(key) + 1;
        }

        return histogram;
    }

    private static double GoodnessOfFit(Dictionary<string, int> observed, (int[] Counts, double Probability)[] cells, int runs)
    {
        Assert.Equal(runs, observed.Values.Sum());
        var x2 = cells.Sum(c =>
        {
            var expected = runs * c.Probability;
            var o = observed.GetValueOrDefault(string.Join(",", c.Counts));
            return (o - expected) * (o - expected) / expected;
        });
        return SpecialFunctions.GammaUpperRegularized((cells.Length - 1) / 2.0, x2 / 2);
    }
}
