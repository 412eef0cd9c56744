using MathNet.Numerics.LinearAlgebra;
using Superposition.Statistics;
using static Superposition.Domain.Tests.Statistics.CalibrationData;

namespace Superposition.Domain.Tests.Statistics;

public sealed class CalibrationExponentTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(0.5)]
    public void Exact_power_law_over_D1_D2_D3_recovers_beta_and_biases_to_1e9(double beta)
    {
        var b = RandomBiases(seed: (int)(beta * 10));
        var prompts = Generate(beta, b, promptsPerMixture: 5, AllMixtures, seed: 1);

        var fit = CalibrationExponent.Fit(prompts.SelectMany(p => p), TaskCount);

        Assert.True(fit.Identifiable, fit.Reason);
        Assert.Null(fit.Reason);
        Assert.Equal(beta, fit.Beta, 1e-9);
        Assert.Equal(TaskCount, fit.TaskBiases.Count);
        for (var i = 0; i < TaskCount; i++)
        {
            Assert.Equal(b[i], fit.TaskBiases[i], 1e-9);
        }

        Assert.Equal(0, fit.TaskBiases.Sum(), 1e-12);
        Assert.Equal(1, fit.RSquared, 1e-12);
        Assert.Equal(90, fit.Observations);
        Assert.Equal(15, fit.Groups);
        Assert.Equal(90 - 6 - 15, fit.DegreesOfFreedom);
        Assert.InRange(beta, fit.BetaInterval!.Low - 1e-9, fit.BetaInterval.High + 1e-9);
        Assert.True(fit.BetaInterval.Width < 1e-9, $"exact data, interval width {fit.BetaInterval.Width}");
    }

    [Fact]
    public void Exact_data_group_intercepts_are_the_log_mass_minus_the_log_normaliser()
    {
        const double Beta = 2;
        var b = RandomBiases(seed: 3);
        var prompts = Generate(Beta, b, promptsPerMixture: 3, AllMixtures, seed: 2);

        var fit = CalibrationExponent.Fit(prompts.SelectMany(p => p), TaskCount);

        foreach (var prompt in prompts)
        {
            var shares = prompt.Select(o => o.Share).ToArray();
            // Recover the prompt's mass s from task 0: P_0 = s·w_0/Σw.
            var logW0 = (Beta * Math.Log(shares[0])) + b[0];
            var logNormaliser = Math.Log(shares.Select((d, j) => Math.Pow(d, Beta) * Math.Exp(b[j])).Sum());
            var mass = Math.Exp(Math.Log(prompt[0].Probability) - logW0 + logNormaliser);
            Assert.Equal(TrueIntercept(shares, Beta, b, mass), fit.GroupIntercepts[prompt[0].Group], 1e-9);
        }

        Assert.Equal(fit.GroupIntercepts.Values.Average(), fit.Intercept, 12);
    }

    [Fact]
    public void Global_intercept_is_biased_where_per_group_intercepts_recover_beta()
    {
        // The normaliser log Σ D_j^β e^(b_j) differs between D1, D2 and D3 and correlates with log D, so one
        // global c pushes that difference into β. Normalised P (mass 1) isolates the normaliser's effect.
        const double Beta = 3;
        var b = RandomBiases(seed: 4);
        var observations = Generate(Beta, b, promptsPerMixture: 4, AllMixtures, seed: 3)
            .SelectMany(p => p)
            .ToArray();

        var perGroup = CalibrationExponent.Fit(observations, TaskCount);
        var global = CalibrationExponent.Fit(observations, TaskCount, CalibrationIntercept.Global);

        Assert.Equal(Beta, perGroup.Beta, 1e-9);
        Assert.True(global.Identifiable);
        Assert.True(Math.Abs(global.Beta - Beta) > 0.5, $"global-intercept β = {global.Beta}");
        Assert.Equal(1, global.Groups);
        Assert.Empty(global.GroupIntercepts);
        Assert.True(global.RSquared < 1);
    }

    [Fact]
    public void Only_uniform_mixture_is_not_identifiable_with_a_reason()
    {
        var prompts = Generate(1, RandomBiases(5), promptsPerMixture: 10, ["D1"], seed: 4, noise: 0.1);

        var fit = CalibrationExponent.Fit(prompts.SelectMany(p => p), TaskCount);

        Assert.False(fit.Identifiable);
        Assert.Contains("not identifiable", fit.Reason, StringComparison.Ordinal);
        Assert.Contains("D1", fit.Reason, StringComparison.Ordinal);
        Assert.True(double.IsNaN(fit.Beta));
        Assert.Null(fit.BetaInterval);
        Assert.Equal(60, fit.Observations);
    }

    [Fact]
    public void Only_one_non_uniform_mixture_is_not_identifiable_because_share_is_confounded_with_bias()
    {
        var prompts = Generate(1, RandomBiases(6), promptsPerMixture: 10, ["D2"], seed: 5, noise: 0.1);

        var fit = CalibrationExponent.Fit(prompts.SelectMany(p => p), TaskCount);

        Assert.False(fit.Identifiable);
        Assert.Contains("β", fit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Uniform_plus_one_other_mixture_is_identifiable()
    {
        var prompts = Generate(1.5, RandomBiases(7), promptsPerMixture: 2, ["D1", "D3"], seed: 6);

        var fit = CalibrationExponent.Fit(prompts.SelectMany(p => p), TaskCount);

        Assert.Equal(1.5, fit.Beta, 1e-9);
    }

    [Fact]
    public void Zero_probabilities_are_dropped_and_counted_never_NaN()
    {
        var observations = Generate(2, RandomBiases(8), promptsPerMixture: 5, AllMixtures, seed: 7).SelectMany(p => p).ToArray();
        observations[0] = observations[0] with { Probability = 0 };
        observations[17] = observations[17] with { Probability = 0 };
        observations[40] = observations[40] with { Probability = 0 };

        var fit = CalibrationExponent.Fit(observations, TaskCount);

        Assert.Equal(3, fit.DroppedZeroProbability);
        Assert.Equal(0, fit.DroppedZeroShare);
        Assert.Equal(87, fit.Observations);
        Assert.Equal(2, fit.Beta, 1e-9); // the rest of the exact data still fits exactly
        Assert.False(double.IsNaN(fit.StandardError));
    }

    [Fact]
    public void Zero_shares_are_dropped_and_counted_separately()
    {
        var observations = Generate(2, RandomBiases(9), promptsPerMixture: 5, AllMixtures, seed: 8).SelectMany(p => p).ToArray();
        observations[5] = observations[5] with { Share = 0, Probability = 0 };

        var fit = CalibrationExponent.Fit(observations, TaskCount);

        Assert.Equal(1, fit.DroppedZeroShare);
        Assert.Equal(0, fit.DroppedZeroProbability);
        Assert.Equal(89, fit.Observations);
    }

    [Fact]
    public void A_task_with_no_usable_observation_is_not_identifiable()
    {
        var observations = Generate(1, RandomBiases(10), promptsPerMixture: 3, AllMixtures, seed: 9)
            .SelectMany(p => p)
            .Select(o => o.Task == 4 ? o with { Probability = 0 } : o);

        var fit = CalibrationExponent.Fit(observations, TaskCount);

        Assert.False(fit.Identifiable);
        Assert.Contains("Task 4", fit.Reason, StringComparison.Ordinal);
        Assert.Equal(9, fit.DroppedZeroProbability);
    }

    [Fact]
    public void Beta_and_standard_error_equal_the_regression_with_one_dummy_per_prompt()
    {
        // Independent check of the within transformation and the degrees of freedom: build the full design
        // [log D, sum-to-zero task contrasts, one column per prompt] and solve it with MathNet directly.
        var observations = Generate(1.3, RandomBiases(11), promptsPerMixture: 6, AllMixtures, seed: 10, noise: 0.2)
            .SelectMany(p => p).ToArray();
        var groups = observations.Select(o => o.Group).Distinct().ToList();
        var p = 1 + (TaskCount - 1) + groups.Count;
        var x = Matrix<double>.Build.Dense(observations.Length, p);
        var y = Vector<double>.Build.Dense(observations.Length);
        for (var r = 0; r < observations.Length; r++)
        {
            var o = observations[r];
            x[r, 0] = Math.Log(o.Share);
            for (var j = 0; j < TaskCount - 1; j++)
            {
                x[r, 1 + j] = o.Task == j ? 1 : o.Task == TaskCount - 1 ? -1 : 0;
            }

            x[r, TaskCount + groups.IndexOf(o.Group)] = 1;
            y[r] = Math.Log(o.Probability);
        }

        var coefficients = MathNet.Numerics.LinearRegression.MultipleRegression.QR(x, y);
        var residuals = y - (x * coefficients);
        var sigma2 = residuals.DotProduct(residuals) / (observations.Length - p);
        var expectedSe = Math.Sqrt(sigma2 * (x.TransposeThisAndMultiply(x)).Inverse()[0, 0]);

        var fit = CalibrationExponent.Fit(observations, TaskCount);

        Assert.Equal(coefficients[0], fit.Beta, 1e-9);
        Assert.Equal(expectedSe, fit.StandardError, 1e-9);
        Assert.Equal(observations.Length - p, fit.DegreesOfFreedom);
        var t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, observations.Length - p, 0.975);
        Assert.Equal(coefficients[0] - (t * expectedSe), fit.BetaInterval!.Low, 1e-9);
        Assert.Equal(coefficients[0] + (t * expectedSe), fit.BetaInterval.High, 1e-9);
    }

    [Fact]
    public void Raw_and_normalised_probabilities_give_the_same_beta()
    {
        var raw = Generate(0.7, RandomBiases(12), promptsPerMixture: 5, AllMixtures, seed: 11, noise: 0.3);
        var normalised = raw.SelectMany(prompt =>
        {
            var total = prompt.Sum(o => o.Probability);
            return prompt.Select(o => o with { Probability = o.Probability / total });
        });

        var rawFit = CalibrationExponent.Fit(raw.SelectMany(p => p), TaskCount);
        var normalisedFit = CalibrationExponent.Fit(normalised, TaskCount);

        Assert.Equal(rawFit.Beta, normalisedFit.Beta, 1e-9);
        Assert.Equal(rawFit.StandardError, normalisedFit.StandardError, 1e-9);
    }

    [Fact]
    public void Noisy_data_t_interval_covers_true_beta_at_about_the_nominal_rate()
    {
        // 200 data sets with independent log-normal noise, where the OLS t interval is exact: coverage 0.95,
        // binomial sd 0.015; accept 0.89..0.995.
        var covered = 0;
        const int DataSets = 200;
        for (var d = 0; d < DataSets; d++)
        {
            var prompts = Generate(1.2, RandomBiases(d), promptsPerMixture: 4, AllMixtures, seed: 1000 + d, noise: 0.3);
            if (CalibrationExponent.Fit(prompts.SelectMany(p => p), TaskCount).BetaInterval!.Contains(1.2))
            {
                covered++;
            }
        }

        Assert.InRange((double)covered / DataSets, 0.89, 0.995);
    }

    [Theory]
    [InlineData(-1, 0.5, 0.1)]
    [InlineData(6, 0.5, 0.1)]
    [InlineData(0, -0.5, 0.1)]
    [InlineData(0, 0.5, double.NaN)]
    [InlineData(0, 0.5, double.PositiveInfinity)]
    public void Bad_observation_throws_naming_observations(int task, double share, double probability)
    {
        CalibrationObservation[] observations = [new("p", task, share, probability)];

        var error = Assert.Throws<ArgumentException>(() => CalibrationExponent.Fit(observations, TaskCount));

        Assert.Equal("observations", error.ParamName);
    }

    [Fact]
    public void Fit_of_means_refits_beta_on_every_replicate_and_takes_the_percentile_interval()
    {
        // Replicate b scales every mixture's means by the same factor and tilts D2's: β moves only with the tilt.
        var mixtures = AllMixtures.Select(m =>
        {
            var shares = Shares(m);
            var means = shares.Select(d => 0.5 * Math.Pow(d, 1.5)).ToArray();
            var replicates = shares.Select(d => Enumerable.Range(0, 101).Select(b => 0.5 * Math.Pow(d, m == "D2" ? 1.5 + ((b - 50) / 500.0) : 1.5)).ToArray()).ToArray();
            return new MixtureMeans(m, shares, means, replicates);
        }).ToList();

        var result = CalibrationExponent.FitOfMeans(mixtures, TaskCount);

        Assert.Equal(1.5, result.Fit.Beta, 9);
        Assert.Equal(101, result.Resamples);
        Assert.True(result.BootstrapInterval!.Low < 1.5 && 1.5 < result.BootstrapInterval.High);
        Assert.True(result.BootstrapInterval.Width > 0.01);
    }

    [Fact]
    public void Fit_of_means_of_the_uniform_mixture_alone_has_no_beta_and_no_interval()
    {
        var shares = Shares("D1");
        var mixtures = new[] { new MixtureMeans("D1", shares, shares, [.. shares.Select(d => new[] { d, d })]) };

        var result = CalibrationExponent.FitOfMeans(mixtures, TaskCount);

        Assert.False(result.Fit.Identifiable);
        Assert.Null(result.BootstrapInterval);
    }

    [Fact]
    public void Fit_of_means_rejects_replicate_series_of_unequal_length_naming_the_mixture()
    {
        var mixtures = AllMixtures.Select((m, i) => new MixtureMeans(m, Shares(m), Shares(m), [.. Shares(m).Select(d => Enumerable.Repeat(d, i == 2 ? 5 : 6).ToArray())])).ToList();

        var error = Assert.Throws<ArgumentException>(() => CalibrationExponent.FitOfMeans(mixtures, TaskCount));

        Assert.Contains("D3", error.Message, StringComparison.Ordinal);
    }
}
