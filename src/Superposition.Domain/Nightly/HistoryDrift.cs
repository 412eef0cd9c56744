namespace Superposition.Nightly;

/// <summary>A nightly run's drift test as its history entry keeps it: the level, the number of comparisons and the flags.</summary>
/// <param name="Alpha">Family-wise false-flag rate.</param>
/// <param name="Comparisons">m, comparisons tested.</param>
/// <param name="Flags">The flagged comparisons (empty: nothing changed beyond sampling error).</param>
public sealed record HistoryDrift(double Alpha, int Comparisons, IReadOnlyList<DriftComparison> Flags);
