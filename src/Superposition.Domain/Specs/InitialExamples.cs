using Superposition.Distributions;

namespace Superposition.Specs;

/// <summary>Initial examples of a collapse run: explicit counts per task, or a distribution and a total.</summary>
/// <param name="Counts">One positive count per task.</param>
/// <param name="Distribution">A distribution (D1/D2/D3 or a vector) with <paramref name="Examples"/>.</param>
/// <param name="Examples">Total initial examples, split by <paramref name="Distribution"/> with the authors' rounding rule.</param>
public sealed record InitialExamples(IReadOnlyList<int>? Counts = null, DistributionSpec? Distribution = null, int? Examples = null)
{
    /// <summary>The counts per task.</summary>
    public IReadOnlyList<int> Resolve(int taskCount) =>
        Counts ?? ExampleCounts.For(
            (Distribution ?? throw new InvalidOperationException("Initial examples need counts or a distribution.")).Resolve(taskCount),
            Examples ?? throw new InvalidOperationException("A distribution of initial examples needs their number."));
}
