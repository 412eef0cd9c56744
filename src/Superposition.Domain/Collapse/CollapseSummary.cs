namespace Superposition.Collapse;

/// <summary>
/// Statistics of a set of runs (observed or simulated). Shares, collapse index and entropy are over the
/// <see cref="RunsWithTaskAnswers"/> runs that produced at least one task answer; the other-answer rate is
/// over all answers of all runs.
/// </summary>
/// <param name="Runs">All runs.</param>
/// <param name="RunsWithTaskAnswers">Runs with at least one task answer (the others have no shares).</param>
/// <param name="Statistics">Mean shares, collapse index and mean entropy.</param>
/// <param name="CollapseIndexStandardError">Binomial standard error sqrt(c(1−c)/n) of the collapse index.</param>
/// <param name="OtherRate">"Other" answers divided by all answers, pooled over runs; 0 when there are no answers.</param>
public sealed record CollapseSummary(
    int Runs,
    int RunsWithTaskAnswers,
    UrnStatistics Statistics,
    double CollapseIndexStandardError,
    double OtherRate)
{
    public IReadOnlyList<double> MeanShares => Statistics.MeanShares;

    public double CollapseIndex => Statistics.CollapseIndex;

    public double MeanEntropy => Statistics.MeanEntropy;
}
