using System.Text.Json.Serialization;
using Superposition.Distributions;

namespace Superposition.Specs;

/// <summary>A distribution as a spec names it: the paper's D1/D2/D3 by name, or a named vector.</summary>
[JsonConverter(typeof(DistributionSpecJsonConverter))]
public sealed record DistributionSpec(string Name, IReadOnlyList<double>? Weights)
{
    public static DistributionSpec Named(string name) => new(name, null);

    public Distribution Resolve(int taskCount) =>
        Weights is null ? PaperDistributions.Get(Name, taskCount) : Distribution.Create(Name, Weights, taskCount);
}
