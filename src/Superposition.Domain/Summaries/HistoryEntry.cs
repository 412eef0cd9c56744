namespace Superposition.Summaries;

/// <summary>
/// One point of the nightly history: the headline numbers of one summary of one experiment, stamped with the
/// run that produced it. The Functions app appends one per nightly run; reports plot KL over dates per model.
/// </summary>
/// <param name="Date">When the run happened (UTC).</param>
/// <param name="RunId">The run's id.</param>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Headlines">Per model and distribution: KL_raw, KL_norm and valid mass with intervals.</param>
public sealed record HistoryEntry(DateTimeOffset Date, string RunId, string Experiment, IReadOnlyList<HistoryHeadline> Headlines)
{
    /// <summary>The entry of a summary; <paramref name="date"/> defaults to the summary's <see cref="ExperimentSummary.GeneratedAt"/>.</summary>
    public static HistoryEntry FromSummary(string runId, ExperimentSummary summary, DateTimeOffset? date = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(summary);
        var headlines = summary.Models
            .SelectMany(m => m.Distributions.Select(d => new HistoryHeadline(m.Model, m.ParameterCount, d.Distribution, d.KlRaw, d.KlNormalized, d.ValidMass)))
            .ToList();
        return new HistoryEntry((date ?? summary.GeneratedAt).ToUniversalTime(), runId, summary.Experiment, headlines);
    }
}
