using Superposition.Collapse;
using MathNetBetaBinomial = MathNet.Numerics.Distributions.BetaBinomial;

namespace Superposition.Domain.Tests.Collapse;

public sealed class DirichletMultinomialTests
{
    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(10, 10, 100)]
    [InlineData(0.5, 3.25, 57)]
    [InlineData(30, 2, 1000)]
    public void Exact_pmf_sums_to_one_for_two_tasks(double a1, double a2, int turns)
    {
        Assert.Equal(1, BetaBinomial.Probabilities(turns, a1, a2).Sum(), 1e-10);
        Assert.Equal(1, DirichletMultinomial.Enumerate([a1, a2], turns).Sum(e => e.Probability), 1e-10);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(40)]
    public void Exact_pmf_sums_to_one_for_three_tasks_by_enumeration(int turns)
    {
        var total = DirichletMultinomial.Enumerate([1.5, 2, 7.25], turns).Sum(e => e.Probability);

        Assert.Equal(1, total, 1e-10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void Uniform_start_gives_uniform_pmf_over_0_to_T(int turns)
    {
        // Beta-binomial(T, 1, 1) is uniform: the classic urn with one ball of each colour.
        foreach (var p in BetaBinomial.Probabilities(turns, 1, 1))
        {
            Assert.Equal(1.0 / (turns + 1), p, 1e-12);
        }
    }

    [Fact]
    public void Three_tasks_from_one_each_are_uniform_over_compositions()
    {
        // Dirichlet-multinomial(T; 1, 1, 1) puts 1 / C(T+2, 2) on every composition of T into three parts.
        const int Turns = 9;
        var expected = 1.0 / (11 * 10 / 2);

        Assert.All(DirichletMultinomial.Enumerate([1, 1, 1], Turns), e => Assert.Equal(expected, e.Probability, 1e-12));
        Assert.Equal(55, DirichletMultinomial.Enumerate([1, 1, 1], Turns).Count());
    }

    [Theory]
    [InlineData(3, 4.5, 20, 0)]
    [InlineData(3, 4.5, 20, 7)]
    [InlineData(10, 10, 100, 50)]
    [InlineData(0.3, 8, 60, 59)]
    public void Pmf_matches_MathNet_beta_binomial(double a1, double a2, int turns, int x)
    {
        var mathNet = MathNetBetaBinomial.PMF(turns, a1, a2, x);

        Assert.Equal(mathNet, BetaBinomial.Pmf(x, turns, a1, a2), mathNet * 1e-9);
        Assert.Equal(mathNet, DirichletMultinomial.Pmf([x, turns - x], [a1, a2]), mathNet * 1e-9);
    }

    [Fact]
    public void Pmf_matches_hand_computed_value()
    {
        // a = (2, 1), T = 2, x = (1, 1): 2!/(1!1!) · Γ(3)/Γ(5) · Γ(3)/Γ(2) · Γ(2)/Γ(1) = 2 · (2/24) · 2 · 1 = 1/3.
        Assert.Equal(1.0 / 3, DirichletMultinomial.Pmf([1, 1], [2, 1]), 1e-14);
    }

    [Fact]
    public void Enumeration_walks_every_composition_once()
    {
        var vectors = DirichletMultinomial.Enumerate([1, 2, 3, 4], 10).Select(e => string.Join(",", e.Counts)).ToArray();

        Assert.Equal(286, vectors.Length); // C(13, 3)
        Assert.Equal(vectors.Length, vectors.Distinct().Count());
        Assert.Equal(286, DirichletMultinomial.CompositionCount(4, 10));
    }

    [Fact]
    public void Enumeration_refuses_more_vectors_than_allowed()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DirichletMultinomial.Enumerate([1, 1, 1, 1, 1, 1], 1000));

        Assert.Equal("turns", ex.ParamName);
    }

    [Fact]
    public void Composition_count_saturates_instead_of_overflowing()
    {
        Assert.Equal(long.MaxValue, DirichletMultinomial.CompositionCount(30, 1_000_000));
    }

    [Fact]
    public void Mean_shares_are_initial_proportions_by_enumeration()
    {
        double[] a = [1.5, 2, 6.5];
        const int Turns = 15;
        var mean = new double[3];
        foreach (var (counts, p) in DirichletMultinomial.Enumerate(a, Turns))
        {
            for (var i = 0; i < 3; i++)
            {
                mean[i] += p * counts[i] / Turns;
            }
        }

        var exact = DirichletMultinomial.MeanShares(a);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(a[i] / 10, exact[i], 1e-15);
            Assert.Equal(exact[i], mean[i], 1e-10);
        }
    }

    [Theory]
    [InlineData(new[] { 10.0, 10.0 }, 100)]
    [InlineData(new[] { 0.5, 0.5 }, 33)]
    [InlineData(new[] { 1.0, 2.0, 0.5 }, 30)]
    [InlineData(new[] { 3.0, 1.0, 1.0, 2.0 }, 11)]
    public void Collapse_probability_and_expected_entropy_match_enumeration(double[] a, int turns)
    {
        var collapse = 0.0;
        var entropy = 0.0;
        foreach (var (counts, p) in DirichletMultinomial.Enumerate(a, turns))
        {
            // Independent of the code: 10·max ≥ 9·T is "at least 90%", entropy summed by hand.
            collapse += 10 * counts.Max() >= 9 * turns ? p : 0;
            entropy += p * -counts.Where(c => c > 0).Sum(c => (double)c / turns * Math.Log((double)c / turns));
        }

        Assert.Equal(collapse, DirichletMultinomial.CollapseProbability(a, turns), 1e-10);
        Assert.Equal(entropy, DirichletMultinomial.ExpectedEntropy(a, turns), 1e-10);
    }

    [Fact]
    public void Collapse_probability_from_one_each_is_22_in_101_at_T_100()
    {
        // Uniform over x = 0..100; collapse is x ≤ 10 or x ≥ 90: 22 values.
        Assert.Equal(22.0 / 101, BetaBinomial.CollapseProbability(100, 1, 1), 1e-12);
    }

    [Fact]
    public void Expected_entropy_for_one_answer_is_zero_and_for_two_is_ln2_times_tie_probability()
    {
        Assert.Equal(0, BetaBinomial.ExpectedEntropy(1, 2, 3), 1e-15);

        // T = 2 from (1, 1): x = 1 with probability 1/3 has entropy ln 2.
        Assert.Equal(Math.Log(2) / 3, BetaBinomial.ExpectedEntropy(2, 1, 1), 1e-14);
    }

    [Fact]
    public void Beta_limit_density_matches_closed_form()
    {
        Assert.Equal(1, BetaBinomial.LimitDensity(0.3, 1, 1), 1e-12);

        // Beta(2, 3): x(1 − x)² / B(2, 3), B(2, 3) = 1/12.
        Assert.Equal(12 * 0.4 * 0.36, BetaBinomial.LimitDensity(0.4, 2, 3), 1e-12);
    }

    [Fact]
    public void Dirichlet_limit_density_matches_closed_form_and_is_zero_off_the_simplex()
    {
        // Dirichlet(1, 1, 1) is uniform on the simplex, whose area in (x1, x2) is 1/2: density 2.
        Assert.Equal(Math.Log(2), DirichletMultinomial.LimitLogDensity([0.2, 0.3, 0.5], [1, 1, 1]), 1e-12);

        // Dirichlet(2, 2, 2): Γ(6)/Γ(2)³ · x1·x2·x3 = 120 · 0.2·0.3·0.5.
        Assert.Equal(Math.Log(120 * 0.03), DirichletMultinomial.LimitLogDensity([0.2, 0.3, 0.5], [2, 2, 2]), 1e-12);

        Assert.Equal(double.NegativeInfinity, DirichletMultinomial.LimitLogDensity([0.2, 0.3, 0.6], [2, 2, 2]));
        Assert.Equal(double.NegativeInfinity, DirichletMultinomial.LimitLogDensity([0, 0.5, 0.5], [2, 2, 2]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_positive_initial_count_throws_naming_initial(double bad)
    {
        Assert.Equal("initial", Assert.Throws<ArgumentException>(() => DirichletMultinomial.LogPmf([1, 1], [1, bad])).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentException>(() => DirichletMultinomial.CollapseProbability([bad, 1], 10)).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentException>(() => new UrnModel([1, bad])).ParamName);
        Assert.Equal("a2", Assert.Throws<ArgumentOutOfRangeException>(() => BetaBinomial.Probabilities(10, 1, bad)).ParamName);
    }

    [Fact]
    public void Negative_turns_throw_naming_turns()
    {
        Assert.Equal("turns", Assert.Throws<ArgumentOutOfRangeException>(() => DirichletMultinomial.Enumerate([1, 1], -1)).ParamName);
        Assert.Equal("trials", Assert.Throws<ArgumentOutOfRangeException>(() => BetaBinomial.Probabilities(-1, 1, 1)).ParamName);
        Assert.Equal("turns", Assert.Throws<ArgumentOutOfRangeException>(() => UrnSimulator.Simulate(UrnModel.Linear([1, 1]), -1, 10, 0)).ParamName);
    }

    [Fact]
    public void Counts_not_summing_to_turns_or_of_the_wrong_length_throw_naming_counts()
    {
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => DirichletMultinomial.LogPmf([3, 4], [1, 1], 8)).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => DirichletMultinomial.LogPmf([3, 4, 1], [1, 1])).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => DirichletMultinomial.LogPmf([3, -4], [1, 1])).ParamName);
    }

    [Fact]
    public void Pmf_is_zero_outside_0_to_T()
    {
        Assert.Equal(0, BetaBinomial.Pmf(11, 10, 1, 1));
        Assert.Equal(0, BetaBinomial.Pmf(-1, 10, 1, 1));
    }
}
