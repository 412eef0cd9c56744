namespace Superposition.Metrics;

/// <summary>
/// KL over many prompts of one distribution, both ways (docs/science.md, "Metrics"): the mean of per-prompt KLs
/// (the paper's statistic) and the KL of the mean P. For KL_raw with one D for every prompt, convexity of −log makes
/// the first at least the second, and the gap is the prompt-to-prompt variability of the model's answers. For
/// KL_norm it does not hold: normalising each prompt's P first can make every prompt look calibrated while their
/// mean is not. D = (.5, .5), P1 = (.001, .001), P2 = (.9, .1): the mean of per-prompt KL_norm is 0.255, the
/// KL_norm of the mean P 0.507.
/// </summary>
/// <param name="Prompts">Number of prompts aggregated.</param>
/// <param name="MeanKlRaw">Mean of per-prompt KL_raw; +∞ if any prompt's is.</param>
/// <param name="MeanKlNormalized">Mean of per-prompt KL_norm; +∞ if any prompt's is.</param>
/// <param name="MeanValidMass">Mean of per-prompt valid mass s.</param>
/// <param name="KlOfMeanRaw">KL_raw of the mean target against the mean P (at most <paramref name="MeanKlRaw"/> when every prompt has the same target).</param>
/// <param name="KlOfMeanNormalized">KL_norm of the mean target against the mean P (it can exceed <paramref name="MeanKlNormalized"/>).</param>
/// <param name="InfinitePrompts">Prompts whose KL_raw is +∞ (some P_i = 0 with D_i &gt; 0).</param>
public sealed record KlAggregate(
    int Prompts,
    double MeanKlRaw,
    double MeanKlNormalized,
    double MeanValidMass,
    double KlOfMeanRaw,
    double KlOfMeanNormalized,
    int InfinitePrompts)
{
    /// <summary>Aggregates (target, P) pairs; targets may differ by prompt when counts round differently.</summary>
    public static KlAggregate Of(IReadOnlyList<(IReadOnlyList<double> Target, IReadOnlyList<double> Probabilities)> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0)
        {
            throw new ArgumentException("Aggregating KL needs at least one prompt.", nameof(prompts));
        }

        var k = prompts[0].Target.Count;
        var meanTarget = new double[k];
        var meanP = new double[k];
        double sumRaw = 0, sumNorm = 0, sumMass = 0;
        var infinite = 0;
        foreach (var (target, p) in prompts)
        {
            if (target.Count != k || p.Count != k)
            {
                throw new ArgumentException($"Every prompt must have {k} tasks.", nameof(prompts));
            }

            var kl = CalibrationKl.Compute(target, p);
            sumRaw += kl.KlRaw;
            sumNorm += kl.KlNormalized;
            sumMass += kl.ValidMass;
            if (double.IsPositiveInfinity(kl.KlRaw))
            {
                infinite++;
            }

            for (var i = 0; i < k; i++)
            {
                meanTarget[i] += target[i] / prompts.Count;
                meanP[i] += p[i] / prompts.Count;
            }
        }

        // Renormalise the mean target against rounding drift before computing the KL of the means.
        var targetSum = meanTarget.Sum();
        var ofMean = CalibrationKl.Compute([.. meanTarget.Select(t => t / targetSum)], [.. meanP.Select(p => Math.Min(1, p))]);
        return new KlAggregate(
            prompts.Count,
            sumRaw / prompts.Count,
            sumNorm / prompts.Count,
            sumMass / prompts.Count,
            ofMean.KlRaw,
            ofMean.KlNormalized,
            infinite);
    }
}
