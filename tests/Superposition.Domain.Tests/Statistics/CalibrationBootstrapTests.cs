using Superposition.Statistics;
using static Superposition.Tests.Statistics.CalibrationData;

namespace Superposition.Tests.Statistics;

public sealed class CalibrationBootstrapTests
{
    [Fact]
    public void FitWithBootstrap_on_independent_noise_agrees_with_the_t_interval_and_covers_beta()
    {
        // With independent errors the prompt bootstrap and the OLS t interval estimate the same spread.
        var prompts = Generate(1.2, RandomBiases(1), promptsPerMixture: 50, AllMixtures, seed: 1, noise: 0.3);

        var result = CalibrationExponent.FitWithBootstrap(prompts, TaskCount, seed: 1, resamples: 1000);

        Assert.True(result.Fit.BetaInterval!.Contains(1.2));
        Assert.True(result.BootstrapInterval!.Contains(1.2));
        Assert.InRange(result.BootstrapInterval.Width / result.Fit.BetaInterval.Width, 0.8, 1.25);
        Assert.Equal(1000, result.Resamples);
        Assert.Equal(0, result.UnidentifiableResamples);
    }

    [Fact]
    public void FitWithBootstrap_is_deterministic_for_a_seed_and_changes_with_the_seed()
    {
        var prompts = Generate(0.8, RandomBiases(2), promptsPerMixture: 10, AllMixtures, seed: 2, noise: 0.2);

        var first = CalibrationExponent.FitWithBootstrap(prompts, TaskCount, seed: 3, resamples: 200);
        var again = CalibrationExponent.FitWithBootstrap(prompts, TaskCount, seed: 3, resamples: 200);
        var other = CalibrationExponent.FitWithBootstrap(prompts, TaskCount, seed: 4, resamples: 200);

        Assert.Equal(first.BootstrapInterval, again.BootstrapInterval);
        Assert.NotEqual(first.BootstrapInterval, other.BootstrapInterval);
        Assert.Equal(first.Fit.Beta, other.Fit.Beta);
    }

    [Fact]
    public void FitWithBootstrap_widens_the_interval_when_prompts_differ_in_their_own_beta()
    {
        // Each prompt has its own β ~ N(1.2, 0.3): the errors of one prompt's six observations are correlated,
        // which the OLS t interval ignores (it covers ≈75% here) and resampling prompts respects (≈94%).
        // Over 60 data sets the bootstrap must cover at least 85% (3 binomial sd below 0.94) and be on average
        // clearly wider (the ratio is ≈1.8).
        const int DataSets = 60;
        var covered = 0;
        var ratio = 0.0;
        for (var d = 0; d < DataSets; d++)
        {
            var prompts = Generate(1.2, RandomBiases(d), promptsPerMixture: 10, AllMixtures, seed: 500 + d, noise: 0.05, slopeSpread: 0.3);

            var result = CalibrationExponent.FitWithBootstrap(prompts, TaskCount, seed: d, resamples: 200);

            covered += result.BootstrapInterval!.Contains(1.2) ? 1 : 0;
            ratio += result.BootstrapInterval.Width / result.Fit.BetaInterval!.Width / DataSets;
        }

        Assert.InRange((double)covered / DataSets, 0.85, 1.0);
        Assert.True(ratio > 1.4, $"mean width ratio {ratio}");
    }

    [Fact]
    public void FitWithBootstrap_on_unidentifiable_data_returns_the_reason_and_no_interval()
    {
        var prompts = Generate(1, RandomBiases(3), promptsPerMixture: 10, ["D1"], seed: 3, noise: 0.1);

        var result = CalibrationExponent.FitWithBootstrap(prompts, TaskCount, seed: 1, resamples: 100);

        Assert.False(result.Fit.Identifiable);
        Assert.NotNull(result.Fit.Reason);
        Assert.Null(result.BootstrapInterval);
        Assert.Equal(0, result.Resamples);
    }

    [Fact]
    public void FitWithBootstrap_counts_resamples_where_beta_is_not_identifiable()
    {
        // One D2 prompt among D1 prompts: resamples that miss it (about e⁻¹ of them) cannot identify β.
        var prompts = Generate(1, RandomBiases(4), promptsPerMixture: 8, ["D1"], seed: 4, noise: 0.1)
            .Concat(Generate(1, RandomBiases(4), promptsPerMixture: 1, ["D2"], seed: 5, noise: 0.1))
            .ToList();

        var result = CalibrationExponent.FitWithBootstrap(prompts, TaskCount, seed: 1, resamples: 400);

        Assert.True(result.Fit.Identifiable);
        Assert.Equal(400, result.Resamples + result.UnidentifiableResamples);
        Assert.InRange(result.UnidentifiableResamples, 100, 200); // 400 × (8/9)⁹ ≈ 139
    }

    [Fact]
    public void FitWithBootstrap_skips_zero_probabilities_in_the_right_prompts()
    {
        // Drops shift the row slices of later prompts; the full fit and the bootstrap must still agree on β
        // for exact data (every resample of exact data gives the same β).
        var prompts = Generate(2.5, RandomBiases(5), promptsPerMixture: 5, AllMixtures, seed: 6);
        prompts[0] = prompts[0].Select(o => o.Task == 1 ? o with { Probability = 0 } : o).ToArray();
        prompts[7] = prompts[7].Select(o => o.Task == 3 ? o with { Probability = 0 } : o).ToArray();

        var result = CalibrationExponent.FitWithBootstrap(prompts, TaskCount, seed: 1, resamples: 100);

        Assert.Equal(2, result.Fit.DroppedZeroProbability);
        Assert.Equal(2.5, result.BootstrapInterval!.Low, 1e-9);
        Assert.Equal(2.5, result.BootstrapInterval.High, 1e-9);
    }
}
