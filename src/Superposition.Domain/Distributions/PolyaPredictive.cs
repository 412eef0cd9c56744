namespace Superposition.Distributions;

/// <summary>
/// The Bayes-optimal answer of the Dirichlet training regime: with task proportions p ~ Dirichlet(α, …, α) and each
/// in-context example's task drawn from p, the posterior of p given counts n is Dirichlet(n + α), so the query's
/// task is i with probability (n_i + α) / (N + kα), N = Σ n_i (the Pólya urn's next draw).
/// </summary>
public static class PolyaPredictive
{
    /// <summary>P_i = (n_i + α) / (N + kα) for the counts n of k tasks.</summary>
    public static double[] Of(IReadOnlyList<int> counts, double alpha)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            throw new ArgumentException("The Pólya predictive needs at least one task.", nameof(counts));
        }

        if (!double.IsFinite(alpha) || alpha <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The Dirichlet concentration must be positive and finite.");
        }

        if (counts.Any(c => c < 0))
        {
            throw new ArgumentException($"Counts must be non-negative, got {string.Join(", ", counts)}.", nameof(counts));
        }

        var total = counts.Sum() + (counts.Count * alpha);
        return [.. counts.Select(n => (n + alpha) / total)];
    }
}
