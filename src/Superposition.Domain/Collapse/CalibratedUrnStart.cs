namespace Superposition.Collapse;

/// <summary>
/// Where the calibrated urn of a collapse experiment starts. A model calibrated to the example shares answers task
/// i with probability n_i / N, the urn started at the counts n; the Bayes-optimal model of Dirichlet(α) training
/// mixtures answers with the Pólya predictive (n_i + α) / (N + kα), the urn started at n + α
/// (<see cref="Distributions.PolyaPredictive"/>; docs/science.md, "Multi-turn runs and the Pólya urn").
/// </summary>
public static class CalibratedUrnStart
{
    /// <summary>The counts, each plus α when there is one.</summary>
    public static double[] Of(IReadOnlyList<int> counts, double? alpha)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return Of([.. counts.Select(c => (double)c)], alpha);
    }

    /// <summary>The counts, each plus α when there is one.</summary>
    public static double[] Of(IReadOnlyList<double> counts, double? alpha)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (alpha is { } a && !(double.IsFinite(a) && a > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), a, "The Dirichlet concentration α must be positive and finite.");
        }

        return [.. counts.Select(c => c + (alpha ?? 0))];
    }
}
