namespace Superposition.Statistics;

/// <summary>
/// The equal-weight mean of several strata's means (a model's mean KL under D1, D2 and D3) with a percentile
/// interval from their bootstrap replicates. Each stratum's prompts were resampled on their own, from a stream of
/// its own, so replicate b of every stratum is an independent resample and their mean is a replicate of the mean
/// of means: the stratified bootstrap, which the calibration exponent's interval also uses. A replicate that is NaN
/// in some stratum (every prompt of it drew weight 0) is left out.
/// </summary>
public static class StratifiedMean
{
    /// <summary>The mean of <paramref name="means"/> and its interval at <paramref name="confidence"/>.</summary>
    /// <param name="means">Per stratum, its mean and its bootstrap replicate means (the same number for every stratum).</param>
    /// <param name="confidence">Coverage of the interval (default 0.95).</param>
    /// <returns>The mean of means, and its interval; +infinity where a stratum's mean or replicates are.</returns>
    /// <exception cref="ArgumentException">No strata, strata with different numbers of replicates, or no replicate
    /// without a NaN.</exception>
    public static (double Mean, Interval Interval) Of(IReadOnlyList<(double Mean, double[] Replicates)> means, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(means);
        Interval.CheckConfidence(confidence, nameof(confidence));
        if (means.Count == 0)
        {
            throw new ArgumentException("At least one stratum is needed.", nameof(means));
        }

        var replicates = means[0].Replicates.Length;
        if (means.Any(m => m.Replicates.Length != replicates))
        {
            throw new ArgumentException($"Strata with {string.Join(", ", means.Select(m => m.Replicates.Length))} replicates: each needs the same number.", nameof(means));
        }

        var combined = new List<double>(replicates);
        for (var b = 0; b < replicates; b++)
        {
            var sum = 0.0;
            foreach (var stratum in means)
            {
                sum += stratum.Replicates[b];
            }

            if (!double.IsNaN(sum))
            {
                combined.Add(sum / means.Count);
            }
        }

        if (combined.Count == 0)
        {
            throw new ArgumentException("No bootstrap replicate has a mean in every stratum.", nameof(means));
        }

        return (means.Average(m => m.Mean), Percentile.Of([.. combined], confidence));
    }
}
