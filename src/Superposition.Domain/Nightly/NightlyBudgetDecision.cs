using System.Text.Json.Serialization;

namespace Superposition.Nightly;

/// <summary>
/// What the nightly budget decided about one nightly run (<c>experiments/{run}/budget.json</c>), written before the
/// run's record so that a run is never without its decision.
/// </summary>
/// <param name="Version">Document format version.</param>
/// <param name="RunId">The nightly run.</param>
/// <param name="Experiment">The original experiment.</param>
/// <param name="Outcome"><see cref="Started"/>, <see cref="OverBudget"/> or <see cref="NotPlanned"/>.</param>
/// <param name="DecidedAt">When (UTC).</param>
/// <param name="Tokens">Estimated prompt + completion tokens of the run; null when it could not be planned.</param>
/// <param name="Cost">Estimated cost in the models' price currency (models without prices count 0); null likewise.</param>
/// <param name="UnpricedModels">Models of the run without prices (their cost counts 0).</param>
/// <param name="MaxTokens">The night's token cap, when set.</param>
/// <param name="MaxCost">The night's cost cap, when set.</param>
/// <param name="RemainingTokens">Tokens left of the cap before this run; null without a token cap.</param>
/// <param name="RemainingCost">Cost left of the cap before this run; null without a cost cap.</param>
/// <param name="Problem">Why the run could not be planned (the planner's message); null otherwise.</param>
public sealed record NightlyBudgetDecision(
    int Version,
    string RunId,
    string Experiment,
    string Outcome,
    DateTimeOffset DecidedAt,
    long? Tokens,
    double? Cost,
    IReadOnlyList<string> UnpricedModels,
    long? MaxTokens,
    double? MaxCost,
    long? RemainingTokens,
    double? RemainingCost,
    string? Problem = null)
{
    public const int CurrentVersion = 1;

    /// <summary>Within the budget: the run was enqueued.</summary>
    public const string Started = "started";

    /// <summary>Over the night's remaining budget: recorded instead of sent.</summary>
    public const string OverBudget = "over-budget";

    /// <summary>The planner could not estimate it (e.g. a model no longer configured): recorded as a failure to plan.</summary>
    public const string NotPlanned = "not-planned";

    [JsonIgnore]
    public bool WasStarted => Outcome == Started;
}
