using System.Globalization;

namespace Superposition.Distributions;

/// <summary>
/// A mixture of tasks: one weight per task, non-negative, summing to 1 within <see cref="SumTolerance"/>.
/// </summary>
public sealed record Distribution
{
    /// <summary>How far from 1 the weights may sum (rounding in hand-written vectors).</summary>
    public const double SumTolerance = 1e-6;

    private Distribution(string name, double[] weights)
    {
        Name = name;
        Weights = weights;
    }

    /// <summary>The name used in specs, results and reports (D1, D2, D3, or the spec's own name).</summary>
    public string Name { get; }

    public IReadOnlyList<double> Weights { get; }

    public int Count => Weights.Count;

    /// <summary>Validates and creates a distribution; the exception names what is wrong.</summary>
    public static Distribution Create(string name, IReadOnlyList<double> weights, int? expectedCount = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new DistributionException($"Distribution '{name}' has no weights.", nameof(weights));
        }

        if (expectedCount is { } k && weights.Count != k)
        {
            throw new DistributionException(string.Create(CultureInfo.InvariantCulture, $"Distribution '{name}' has {weights.Count} weights but there are {k} tasks: one weight per task."), nameof(weights));
        }

        for (var i = 0; i < weights.Count; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
            {
                throw new DistributionException(string.Create(CultureInfo.InvariantCulture, $"Distribution '{name}' weight {i} is {weights[i]:R}: weights must be finite and non-negative."), nameof(weights));
            }
        }

        var sum = weights.Sum();
        if (Math.Abs(sum - 1) > SumTolerance)
        {
            throw new DistributionException(string.Create(CultureInfo.InvariantCulture, $"Distribution '{name}' weights sum to {sum:R}, not 1 (tolerance {SumTolerance})."), nameof(weights));
        }

        return new Distribution(name, [.. weights]);
    }

    public bool Equals(Distribution? other) =>
        other is not null && Name == other.Name && Weights.SequenceEqual(other.Weights);

    public override int GetHashCode() => HashCode.Combine(Name, Weights.Count);

    public override string ToString() => $"{Name} [{string.Join(", ", Weights.Select(w => w.ToString("0.####", CultureInfo.InvariantCulture)))}]";
}
