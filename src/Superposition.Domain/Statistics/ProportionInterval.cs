using MathNet.Numerics.Distributions;

namespace Superposition.Statistics;

/// <summary>
/// Confidence intervals for proportions estimated by counting: the share of sampled answers that belong to a
/// task (the estimator of last resort, docs/models.md, "Strategies"), or the share of prompts with an infinite KL.
/// </summary>
public static class ProportionInterval
{
    /// <summary>
    /// Wilson score interval for a binomial proportion <paramref name="successes"/> / <paramref name="trials"/>
    /// at <paramref name="confidence"/> (default 0.95), with z the two-sided normal quantile
    /// (<c>Normal.InvCDF(0, 1, 1 − α/2)</c>). Unlike the Wald interval it stays inside [0, 1] and is not
    /// degenerate at 0 or n successes: 0/n gives [0, z²/(n+z²)] and n/n gives [n/(n+z²), 1] (the bound at the
    /// observed edge is exactly 0 or 1; the other uses the same two-sided z, so the one-sided coverage is at
    /// least nominal).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="trials"/> is zero or negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="successes"/> is outside 0..trials, or the confidence is not in (0, 1).</exception>
    public static Interval Wilson(long successes, long trials, double confidence = 0.95)
    {
        if (trials <= 0)
        {
            throw new ArgumentException($"A proportion needs at least one trial; got {trials} trials.", nameof(trials));
        }

        if (successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"Successes must be between 0 and the number of trials ({trials}).");
        }

        Interval.CheckConfidence(confidence, nameof(confidence));
        var z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        return Score(successes, trials, z * z, confidence);
    }

    /// <summary>
    /// Goodman (1965) simultaneous intervals for the k category probabilities of a multinomial from the sample
    /// <paramref name="counts"/>: with A the χ²(1) quantile at 1 − α/k (Bonferroni over the k categories),
    /// p_i ∈ [A + 2n_i ∓ √(A(A + 4 n_i (N − n_i)/N))] / (2(N + A)). All k intervals hold together with
    /// probability at least about <paramref name="confidence"/> (default 0.95); each one is a Wilson interval
    /// at level 1 − α/k. Chosen over Bayesian Dirichlet credible intervals because the suite reports
    /// frequentist intervals everywhere else and the joint coverage is what a reader of a six-task bar chart needs.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two categories, a negative count, or all counts zero.</exception>
    public static IReadOnlyList<Interval> Goodman(IReadOnlyList<long> counts, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count < 2)
        {
            throw new ArgumentException($"Simultaneous multinomial intervals need at least two categories; got {counts.Count}.", nameof(counts));
        }

        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentException($"Count {i} is {counts[i]}; counts must be non-negative.", nameof(counts));
            }
        }

        var total = counts.Sum();
        if (total == 0)
        {
            throw new ArgumentException("All counts are zero: there are no trials to estimate proportions from.", nameof(counts));
        }

        Interval.CheckConfidence(confidence, nameof(confidence));
        var a = ChiSquared.InvCDF(1, 1 - ((1 - confidence) / counts.Count));
        return counts.Select(c => Score(c, total, a, confidence)).ToArray();
    }

    // The score interval for x/n with squared critical value zz; Wilson and Goodman differ only in zz.
    private static Interval Score(long x, long n, double zz, double confidence)
    {
        var centre = (x + (zz / 2)) / (n + zz);
        var half = Math.Sqrt(zz) / (n + zz) * Math.Sqrt(((double)x * (n - x) / n) + (zz / 4));

        // At x = 0 (x = n) the lower (upper) bound is exactly 0 (1); rounding would otherwise leave ±1e-17.
        var low = x == 0 ? 0 : Math.Clamp(centre - half, 0, 1);
        var high = x == n ? 1 : Math.Clamp(centre + half, 0, 1);
        return new Interval(low, high, confidence);
    }
}
