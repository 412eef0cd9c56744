namespace Superposition.Collapse;

/// <summary>
/// The three numbers that describe multi-turn behaviour, for observed runs, exact urn predictions and
/// simulations alike (definitions in <see cref="CollapseRule"/>): mean share of the generated task answers per
/// task, collapse index (share of runs whose dominant task has ≥ 90% of them) and mean entropy of the shares (nats).
/// </summary>
public sealed record UrnStatistics(IReadOnlyList<double> MeanShares, double CollapseIndex, double MeanEntropy)
{
    public bool Equals(UrnStatistics? other) =>
        other is not null && CollapseIndex.Equals(other.CollapseIndex) && MeanEntropy.Equals(other.MeanEntropy)
        && MeanShares.SequenceEqual(other.MeanShares);

    public override int GetHashCode() => HashCode.Combine(CollapseIndex, MeanEntropy, MeanShares.Count);
}
