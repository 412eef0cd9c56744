using Superposition.Collapse;
using Superposition.Scores;

namespace Superposition.Results;

/// <summary>
/// The result document of one multi-turn run by one model: every turn's question, answer and class, and the
/// final counts. Written once per (experiment, model, run), like <see cref="PromptResult"/>.
/// </summary>
public sealed record CollapseRunResult(
    int Version,
    string Experiment,
    string Model,
    int Run,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<int> InitialCounts,
    IReadOnlyList<CollapseTurn> Turns,
    IReadOnlyList<int> FinalCounts,
    int OtherCount,
    double Temperature,
    ScoringCost Cost,
    DateTimeOffset FinishedAt)
{
    public const int CurrentVersion = 1;

    /// <summary>The run's final counts as the urn statistics take them.</summary>
    public RunOutcome Outcome => new(FinalCounts, OtherCount);
}
