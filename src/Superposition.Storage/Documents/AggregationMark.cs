namespace Superposition.Storage.Documents;

/// <summary>
/// What the last aggregation of an experiment saw (<c>aggregated.json</c>): the tag of its <c>changed.json</c>
/// marker before results were read. A different tag now means results arrived since.
/// </summary>
public sealed record AggregationMark(int Version, string ChangedTag, int Results, DateTimeOffset At)
{
    public const int CurrentVersion = 1;
}
