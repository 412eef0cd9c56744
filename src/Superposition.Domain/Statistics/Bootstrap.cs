using Superposition.Randomness;

namespace Superposition.Statistics;

/// <summary>
/// Percentile bootstrap intervals over independent items (prompts), resampled with replacement. Resample indices
/// come from <c>Seeds.Create(seed, "bootstrap")</c>, so the same seed and item count give the same resamples for
/// every statistic: intervals of different metrics over the same prompts are paired.
/// </summary>
public static class Bootstrap
{
    /// <summary>Resamples used when none are given: enough for stable 95% percentile bounds.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>
    /// Percentile bootstrap interval of the mean of <paramref name="values"/> (default 2000 resamples, 0.95).
    /// Values may be +infinity (an infinite KL): the mean is then +infinity, and a bound is +infinity when more
    /// than its tail share of resamples contain an infinite value; bounds are never NaN.
    /// </summary>
    /// <exception cref="ArgumentException">No values, a NaN, or both +infinity and −infinity (the mean is undefined).</exception>
    public static Interval MeanInterval(IReadOnlyList<double> values, int seed, int resamples = DefaultResamples, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        MeanInputs.Check(values, nameof(values));
        Check(values.Count, nameof(values), resamples, confidence);

        // Specialised loop: no per-resample list, so 2000 resamples of 100k values stay allocation-free.
        var random = Seeds.Create(seed, "bootstrap");
        var n = values.Count;
        var replicates = new double[resamples];
        var uniforms = new double[n];
        for (var r = 0; r < resamples; r++)
        {
            Uniforms.Fill(random, uniforms);
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += values[ResampleIndex.FromUniform(uniforms[j], n)];
            }

            replicates[r] = sum / n;
        }

        return Percentile.Of(replicates, confidence);
    }

    /// <summary>
    /// Percentile bootstrap interval of any <paramref name="statistic"/> of <paramref name="items"/> (default
    /// 2000 resamples, 0.95). The statistic receives a reused buffer holding one resample (same size as
    /// <paramref name="items"/>); it must not keep a reference to it. It may return ±infinity but not NaN.
    /// </summary>
    /// <exception cref="ArgumentException">No items.</exception>
    /// <exception cref="InvalidOperationException">The statistic returned NaN for a resample.</exception>
    public static Interval Interval<T>(IReadOnlyList<T> items, Func<IReadOnlyList<T>, double> statistic, int seed, int resamples = DefaultResamples, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(statistic);
        Check(items.Count, nameof(items), resamples, confidence);

        var random = Seeds.Create(seed, "bootstrap");
        var n = items.Count;
        var buffer = new T[n];
        var replicates = new double[resamples];
        var uniforms = new double[n];
        for (var r = 0; r < resamples; r++)
        {
            Uniforms.Fill(random, uniforms);
            for (var j = 0; j < n; j++)
            {
                buffer[j] = items[ResampleIndex.FromUniform(uniforms[j], n)];
            }

            var value = statistic(buffer);
            replicates[r] = double.IsNaN(value)
                ? throw new InvalidOperationException($"The statistic returned NaN on bootstrap resample {r}; a percentile interval needs a value (±infinity is allowed).")
                : value;
        }

        return Percentile.Of(replicates, confidence);
    }

    private static void Check(int count, string parameterName, int resamples, double confidence)
    {
        if (count == 0)
        {
            throw new ArgumentException("A bootstrap needs at least one item.", parameterName);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        Statistics.Interval.CheckConfidence(confidence, nameof(confidence));
    }
}
