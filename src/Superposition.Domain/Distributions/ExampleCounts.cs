namespace Superposition.Distributions;

/// <summary>Per-task example counts from a distribution, by the authors' rounding rule.</summary>
public static class ExampleCounts
{
    // N·d_i within this of an integer counts as that integer (0.1 · 60 is 6.000000000000001 in binary).
    private const double IntegerTolerance = 1e-9;

    /// <summary>
    /// floor(N·d_i) each; then, while the total is short of N, walk the tasks in order and add 1 to each task
    /// whose N·d_i is not an integer (the authors' rule, docs/science.md, "Prompts").
    /// </summary>
    public static int[] For(Distribution distribution, int examples)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentOutOfRangeException.ThrowIfNegative(examples);

        var exact = distribution.Weights.Select(d => d * examples).ToArray();
        var counts = exact.Select(x => IsInteger(x) ? (int)Math.Round(x) : (int)Math.Floor(x)).ToArray();
        var fractional = exact.Select(x => !IsInteger(x)).ToArray();
        if (!fractional.Any(f => f) && counts.Sum() != examples)
        {
            throw new InvalidOperationException($"Distribution {distribution} cannot be rounded to {examples} examples.");
        }

        while (counts.Sum() < examples)
        {
            for (var i = 0; i < counts.Length && counts.Sum() < examples; i++)
            {
                if (fractional[i])
                {
                    counts[i]++;
                }
            }
        }

        return counts;
    }

    private static bool IsInteger(double x) => Math.Abs(x - Math.Round(x)) < IntegerTolerance;
}
