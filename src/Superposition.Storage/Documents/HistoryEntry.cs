namespace Superposition.Storage.Documents;

/// <summary>
/// One run of an experiment in its history (<c>history/{date}.{run}.json</c>): the headline numbers of its summary,
/// so that drift of a hosted model shows over dates. Rewritten as the run's results arrive; complete when every
/// item has a result or a failure.
/// </summary>
/// <param name="Version">Document format version.</param>
/// <param name="Run">Id of the run (the experiment itself, or a nightly re-run of it).</param>
/// <param name="Date">UTC date of the run.</param>
/// <param name="Results">Results aggregated.</param>
/// <param name="Expected">Work items of the run.</param>
/// <param name="Complete">True when no item is pending.</param>
/// <param name="Models">Headline numbers per model.</param>
public sealed record HistoryEntry(int Version, string Run, DateOnly Date, int Results, int Expected, bool Complete, IReadOnlyList<HistoryModel> Models)
{
    public const int CurrentVersion = 1;
}

/// <summary>One model's headline numbers in a history entry; β is the calibration exponent where identifiable.</summary>
public sealed record HistoryModel(string Model, double? Beta, IReadOnlyList<HistoryDistribution> Distributions);

/// <summary>Mean KL_raw, KL_norm and valid mass of one distribution, and the KL_raw of the mean P.</summary>
public sealed record HistoryDistribution(string Distribution, int Prompts, double KlRaw, double KlNormalized, double ValidMass, double KlOfMeanRaw);
