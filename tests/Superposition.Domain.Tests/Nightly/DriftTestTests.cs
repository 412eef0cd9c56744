using System.Globalization;
using Superposition.Nightly;
using Superposition.Randomness;

namespace Superposition.Domain.Tests.Nightly;

public sealed class DriftTestTests
{
    private static double[] Normal(int n, double mean, double sd, int seed)
    {
        var random = Seeds.Create(seed, "test", "drift");
        return [.. Enumerable.Range(0, n).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(random, mean, sd))];
    }

    /// <summary>A group whose klRaw values are <paramref name="klRaw"/>; klNorm and valid mass constant (never flagged), ids from <paramref name="idPrefix"/>.</summary>
    private static GroupMeasures Group(string model, IReadOnlyList<double> klRaw, string idPrefix = "p") =>
        new(model, "D1", [.. klRaw.Select((v, i) => new PromptMeasure(idPrefix + i.ToString("D5", CultureInfo.InvariantCulture), v, 0.5, 0.9))]);

    private static RunMeasures Run(string id, params GroupMeasures[] groups) => new(RunMeasures.CurrentVersion, id, groups);

    private static DriftReport Test(RunMeasures run, RunMeasures baseline, double alpha = 0.01) =>
        DriftTest.Run("exp", run, [new DriftBaseline(DriftBaseline.Previous, baseline)], alpha);

    private static DriftComparison KlRaw(DriftReport report, string model = "m") =>
        report.Tests.Single(t => t.Model == model && t.Measure == "klRaw");

    [Fact]
    public void Identical_runs_are_tested_on_every_measure_and_nothing_is_flagged()
    {
        var values = Normal(60, 0.3, 0.1, 1);

        var report = Test(Run("night", Group("m", values)), Run("first", Group("m", values)));

        Assert.Equal(3, report.Comparisons);
        Assert.All(report.Tests, t => Assert.Null(t.NotTested));
        Assert.Empty(report.Flags);
        Assert.Equal(0, KlRaw(report).Difference);
    }

    [Fact]
    public void Two_runs_of_one_distribution_with_independent_noise_are_not_flagged_paired_or_unpaired()
    {
        // Same prompts, each prompt's value plus independent noise in each run (paired); and different prompts (unpaired).
        var prompts = Normal(200, 0.3, 0.1, 2);
        var night = prompts.Zip(Normal(200, 0, 0.02, 3), (p, e) => p + e).ToArray();
        var first = prompts.Zip(Normal(200, 0, 0.02, 4), (p, e) => p + e).ToArray();

        var paired = Test(Run("night", Group("m", night)), Run("first", Group("m", first)));
        var unpaired = Test(Run("night", Group("m", Normal(200, 0.3, 0.1, 5), "a")), Run("first", Group("m", Normal(200, 0.3, 0.1, 6), "b")));

        Assert.True(KlRaw(paired).Paired);
        Assert.NotEqual(0, KlRaw(paired).Difference);
        Assert.Empty(paired.Flags);
        Assert.False(KlRaw(unpaired).Paired);
        Assert.NotEqual(0, KlRaw(unpaired).Difference);
        Assert.Empty(unpaired.Flags);
    }

    [Fact]
    public void A_shift_of_five_standard_errors_is_flagged_on_that_measure_only()
    {
        // Two-sample standard error of the difference: 0.1 · sqrt(2/100) ≈ 0.014; the shift is 0.07.
        var report = Test(Run("night", Group("m", Normal(100, 0.37, 0.1, 7), "a")), Run("first", Group("m", Normal(100, 0.3, 0.1, 8), "b")));

        var flag = Assert.Single(report.Flags);
        Assert.Equal("klRaw", flag.Measure);
        Assert.Equal(DriftBaseline.Previous, flag.Baseline);
        Assert.Equal("first", flag.BaselineRun);
        Assert.False(flag.Paired);
        Assert.Equal(100, flag.Prompts);
        Assert.True(flag.Low > 0, $"interval [{flag.Low}, {flag.High}]");
        Assert.Equal(1 - (0.01 / 3), flag.Confidence!.Value, 12);
    }

    [Fact]
    public void Bonferroni_leaves_a_borderline_shift_unflagged_when_a_night_makes_many_comparisons()
    {
        // Paired differences with mean exactly 3 standard errors: flagged at α = 0.1 over m = 3 (z ≈ 2.13), not over
        // m = 300 (z ≈ 3.8, beyond the range of most bootstrap replicates).
        var baseline = Normal(100, 0.3, 0.1, 9);
        var z = Normal(100, 0, 1, 10);
        var zMean = z.Average();
        var zSd = Math.Sqrt(z.Sum(v => (v - zMean) * (v - zMean)) / 99);
        const double sd = 0.02;
        var shift = 3 * sd / Math.Sqrt(100);
        var night = baseline.Select((b, i) => b + shift + (sd * (z[i] - zMean) / zSd)).ToArray();

        var few = Test(Run("night", Group("m000", night)), Run("first", Group("m000", baseline)), alpha: 0.1);
        var names = Enumerable.Range(0, 100).Select(i => "m" + i.ToString("D3", CultureInfo.InvariantCulture)).ToList();
        var many = Test(Run("night", [.. names.Select(n => Group(n, night))]), Run("first", [.. names.Select(n => Group(n, baseline))]), alpha: 0.1);

        Assert.Equal(3, few.Comparisons);
        Assert.True(KlRaw(few, "m000").Flagged);
        Assert.Equal(300, many.Comparisons);
        Assert.False(KlRaw(many, "m000").Flagged);
        Assert.True(many.Flags.Count <= 10, $"{many.Flags.Count} of 100 borderline groups flagged at m = 300");
    }

    [Fact]
    public void Same_prompt_ids_pair_the_runs_and_different_ids_do_not()
    {
        // A small shift under a large prompt-to-prompt spread: the paired test sees it, the two-sample one cannot.
        var baseline = Normal(100, 1, 0.5, 11);
        var night = baseline.Zip(Normal(100, 0.05, 0.01, 12), (b, d) => b + d).ToArray();

        var paired = Test(Run("night", Group("m", night)), Run("first", Group("m", baseline)));
        var unpaired = Test(Run("night", Group("m", night, "a")), Run("first", Group("m", baseline, "b")));

        Assert.True(KlRaw(paired).Paired);
        Assert.True(KlRaw(paired).Flagged);
        Assert.False(KlRaw(unpaired).Paired);
        Assert.False(KlRaw(unpaired).Flagged);
    }

    [Fact]
    public void Fewer_than_ten_prompts_are_not_tested_never_flagged_and_not_counted_in_m()
    {
        var report = DriftTest.Run(
            "exp",
            Run("night", Group("small", [5, 5, 5, 5, 5, 5, 5, 5, 5]), Group("large", Normal(20, 0.3, 0.1, 13))),
            [new DriftBaseline(DriftBaseline.First, Run("first", Group("small", [0, 0, 0, 0, 0, 0, 0, 0, 0]), Group("large", Normal(20, 0.3, 0.1, 13))))],
            0.01);

        var small = KlRaw(report, "small");
        Assert.False(small.Flagged);
        Assert.Equal("too few prompts (9 < 10)", small.NotTested);
        Assert.Null(small.Difference);
        Assert.Equal(3, report.Comparisons);
    }

    [Fact]
    public void Pairs_with_an_infinite_KL_are_left_out_and_counted()
    {
        var values = Normal(30, 0.3, 0.1, 14);
        var night = values.Select((v, i) => i < 4 ? double.PositiveInfinity : v).ToArray();
        var first = values.Select((v, i) => i == 29 ? double.PositiveInfinity : v).ToArray();

        var klRaw = KlRaw(Test(Run("night", Group("m", night)), Run("first", Group("m", first))));

        Assert.True(klRaw.Paired);
        Assert.Equal(5, klRaw.Excluded);
        Assert.Equal(25, klRaw.Prompts);
        Assert.False(klRaw.Flagged);
    }

    [Fact]
    public void A_baseline_without_the_group_leaves_it_untested()
    {
        var report = Test(Run("night", Group("new-model", Normal(20, 0.3, 0.1, 15))), Run("first", Group("old-model", Normal(20, 0.3, 0.1, 16))));

        Assert.All(report.Tests, t => Assert.Equal("the baseline has no results for this model and distribution", t.NotTested));
        Assert.Equal(0, report.Comparisons);
        Assert.Empty(report.Flags);
    }

    [Fact]
    public void The_same_inputs_give_the_same_report()
    {
        var night = Run("night", Group("m", Normal(40, 0.3, 0.1, 17), "a"));
        var first = Run("first", Group("m", Normal(40, 0.32, 0.1, 18), "b"));

        Assert.Equal(Test(night, first).Tests, Test(night, first).Tests);
    }
}
