using System.Globalization;
using Superposition.Distributions;
using Superposition.Metrics;
using Superposition.Randomness;

namespace Superposition.Domain.Tests.Metrics;

public sealed class CalibrationKlTests
{
    private static readonly double[] Uniform6 = [.. Enumerable.Repeat(1.0 / 6, 6)];

    public static TheoryData<double[]> ResearchNoteDistributions => new()
    {
        new[] { 0.004, 0.004, 0.004, 0.33, 0.33, 0.33 },
        new[] { 0.02, 0.02, 0.02, 0.02, 0.02, 0.9 },
        new[] { 1e-5, 0.19999, 0.19999, 0.19999, 0.19999, 0.19999 },
        new[] { 0.004, 0.008, 0.016, 0.032, 0.2, 0.74 },
    };

    [Theory]
    [MemberData(nameof(ResearchNoteDistributions))]
    public void Research_notes_P1_to_P4_each_have_KL_about_one_and_a_half_from_uniform(double[] p) =>
        Assert.InRange(CalibrationKl.Compute(Uniform6, p).KlRaw, 1.5 - 0.06, 1.5 + 0.06);

    [Fact]
    public void Raw_KL_equals_normalised_KL_minus_log_valid_mass()
    {
        var random = Seeds.Create(42, "kl-identity");
        for (var trial = 0; trial < 200; trial++)
        {
            var d = Normalised([.. Enumerable.Range(0, 6).Select(_ => random.NextDouble())]);
            var p = Enumerable.Range(0, 6).Select(_ => random.NextDouble() / 6).ToArray();
            var kl = CalibrationKl.Compute(d, p);
            Assert.Equal(p.Sum(), kl.ValidMass, 12);
            Assert.Equal(kl.KlNormalized - Math.Log(kl.ValidMass), kl.KlRaw, 10);
        }
    }

    [Fact]
    public void Perfect_proportions_with_mass_022_score_raw_KL_one_and_a_half_and_normalised_KL_zero()
    {
        var kl = CalibrationKl.Compute(Uniform6, [.. Uniform6.Select(d => 0.22 * d)]);
        Assert.Equal(-Math.Log(0.22), kl.KlRaw, 12);
        Assert.Equal(0, kl.KlNormalized, 12);
        Assert.Equal(0.22, kl.ValidMass, 12);
    }

    [Fact]
    public void A_zero_probability_gives_positive_infinity_never_NaN()
    {
        var kl = CalibrationKl.Compute([0.5, 0.5], [0, 1]);
        Assert.Equal(double.PositiveInfinity, kl.KlRaw);
        Assert.Equal(double.PositiveInfinity, kl.KlNormalized);

        var allZero = CalibrationKl.Compute([0.5, 0.5], [0, 0]);
        Assert.Equal(double.PositiveInfinity, allZero.KlRaw);
        Assert.Equal(double.PositiveInfinity, allZero.KlNormalized);
        Assert.Equal(0, allZero.ValidMass);
    }

    [Fact]
    public void Tasks_absent_from_the_target_drop_out_even_with_zero_probability()
    {
        var kl = CalibrationKl.Compute([0.5, 0.5, 0], [0.5, 0.5, 0]);
        Assert.Equal(0, kl.KlRaw, 12);
        Assert.Equal(0, kl.KlNormalized, 12);
    }

    [Fact]
    public void Log_probabilities_far_below_the_smallest_double_are_scored_exactly()
    {
        // P = e^-800 underflows to 0 as a probability; from log-probabilities the KL stays finite and exact.
        var kl = CalibrationKl.FromLogProbabilities([0.5, 0.5], [-800, Math.Log(0.5)]);
        Assert.Equal(0.5 * (Math.Log(0.5) + 800), kl.KlRaw, 9);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 0.5 }, "one per task")]
    [InlineData(new[] { 0.5, 0.5 }, new[] { -0.1, 0.5 }, "Probability 0")]
    [InlineData(new[] { 0.5, 0.6 }, new[] { 0.5, 0.5 }, "sum to")]
    public void Bad_inputs_are_rejected_with_the_reason(double[] d, double[] p, string reason) =>
        Assert.Contains(reason, Assert.Throws<DistributionException>(() => CalibrationKl.Compute(d, p)).Problem, StringComparison.Ordinal);

    [Fact]
    public void A_bad_input_reads_the_same_under_a_culture_with_a_decimal_comma()
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            var problem = Assert.Throws<DistributionException>(() => CalibrationKl.Compute([0.5, 0.5], [1.5, 0.25])).Problem;

            Assert.Equal("Probability 0 is 1.5: probabilities must lie in [0, 1].", problem);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    [Fact]
    public void KL_raw_of_the_mean_P_is_at_most_the_mean_of_per_prompt_KL_raw_under_one_D()
    {
        var random = Seeds.Create(3, "kl-aggregate");
        var prompts = Enumerable.Range(0, 100)
            .Select(_ => ((IReadOnlyList<double>)Uniform6, (IReadOnlyList<double>)Normalised([.. Enumerable.Range(0, 6).Select(_ => random.NextDouble())])))
            .ToList();
        var aggregate = KlAggregate.Of(prompts);
        Assert.Equal(prompts.Average(p => CalibrationKl.Compute(p.Item1, p.Item2).KlRaw), aggregate.MeanKlRaw, 12);
        Assert.True(aggregate.KlOfMeanRaw < aggregate.MeanKlRaw);
        Assert.True(aggregate.KlOfMeanRaw >= 0);
        Assert.Equal(0, aggregate.InfinitePrompts);
    }

    [Fact]
    public void KL_norm_of_the_mean_P_can_exceed_the_mean_of_per_prompt_KL_norm()
    {
        // Prompt 1 has perfect proportions with almost no mass; prompt 2 is confident and wrong. Normalising each
        // prompt hides the first prompt's smallness, so the mean of per-prompt KL_norm is only prompt 2's half.
        IReadOnlyList<double> d = [0.5, 0.5];
        var aggregate = KlAggregate.Of([(d, [0.001, 0.001]), (d, [0.9, 0.1])]);

        Assert.Equal(0.2554, aggregate.MeanKlNormalized, 4);
        Assert.Equal(0.5073, aggregate.KlOfMeanNormalized, 4);
        Assert.True(aggregate.KlOfMeanNormalized > aggregate.MeanKlNormalized);
        Assert.True(aggregate.KlOfMeanRaw <= aggregate.MeanKlRaw);
    }

    [Fact]
    public void Aggregate_counts_infinite_prompts_and_its_mean_is_infinite()
    {
        var aggregate = KlAggregate.Of([([0.5, 0.5], [0.5, 0.5]), ([0.5, 0.5], [0, 1])]);
        Assert.Equal(1, aggregate.InfinitePrompts);
        Assert.Equal(double.PositiveInfinity, aggregate.MeanKlRaw);
        Assert.True(double.IsFinite(aggregate.KlOfMeanRaw));
    }

    private static double[] Normalised(double[] x) => [.. x.Select(v => v / x.Sum())];
}
