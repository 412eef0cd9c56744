using Superposition.Nightly;
using Superposition.Storage.Documents;

namespace Superposition.Engine.Status;

/// <summary>
/// Where an experiment stands, counted from what is stored (fan-in without a coordinator): results and failures
/// per model and distribution against the plan.
/// </summary>
/// <param name="Id">Experiment id.</param>
/// <param name="Name">Spec name.</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="Nightly">Re-run every night.</param>
/// <param name="Parent">The experiment this run re-runs, if any.</param>
/// <param name="State">queued (nothing done yet), running, complete (nothing pending), failed (its plan was given up, or the nightly budget could not estimate it), or over-budget (a nightly run recorded instead of sent).</param>
/// <param name="Total">Work items.</param>
/// <param name="Done">Items with a result.</param>
/// <param name="Failed">Items given up.</param>
/// <param name="Pending">Items with neither.</param>
/// <param name="Groups">The same counts per model and distribution, in spec order.</param>
/// <param name="Failures">The first failures (item, attempts, last error), at most <see cref="ExperimentStatusReader.FailuresShown"/>.</param>
/// <param name="PlanFailure">The plan message's failure, when the experiment could not be planned.</param>
/// <param name="Budget">A nightly run's budget decision (estimate, caps, remaining), when a budget is set.</param>
/// <param name="Drift">A complete nightly run's drift test: every comparison with its interval, and the flags.</param>
/// <param name="LatestNight">For a nightly experiment: its latest night's run, with that run's drift flags or budget decision.</param>
public sealed record ExperimentStatus(
    string Id,
    string Name,
    DateTimeOffset CreatedAt,
    bool Nightly,
    string? Parent,
    string State,
    int Total,
    int Done,
    int Failed,
    int Pending,
    IReadOnlyList<GroupStatus> Groups,
    IReadOnlyList<FailureRecord> Failures,
    FailureRecord? PlanFailure,
    NightlyBudgetDecision? Budget = null,
    DriftReport? Drift = null,
    NightStatus? LatestNight = null);

/// <summary>The latest night of a nightly experiment, from its history.</summary>
/// <param name="RunId">The night's run.</param>
/// <param name="Date">When it started.</param>
/// <param name="Complete">Nothing of it is pending.</param>
/// <param name="Drift">Its drift test (flags), once complete.</param>
/// <param name="Budget">The budget's decision when it was not sent.</param>
public sealed record NightStatus(string RunId, DateTimeOffset Date, bool Complete, HistoryDrift? Drift, NightlyBudgetDecision? Budget);

/// <summary>Counts of one model under one distribution.</summary>
public sealed record GroupStatus(string Model, string Distribution, int Total, int Done, int Failed);
