using Microsoft.Extensions.Logging;
using Superposition.Engine.Nightly;
using Superposition.Engine.Validation;
using Superposition.Nightly;
using Superposition.Specs;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;
using Superposition.Storage.Messages;
using Superposition.Summaries;

namespace Superposition.Engine.Planning;

/// <summary>
/// Starts experiments on the queues: stores the spec and record, then enqueues the plan message. Used by
/// POST /api/experiments and by the nightly re-evaluation.
/// </summary>
public sealed partial class ExperimentLauncher(ExperimentStore store, ExperimentQueues queues, ExperimentValidator validator, NightlyBudget budget, TimeProvider time, ILogger<ExperimentLauncher> logger)
{
    /// <summary>
    /// Stores a validated spec as a new experiment and enqueues its plan; returns its record. A spec the engine's checks
    /// refuse (<see cref="ExperimentValidator"/>) throws a <see cref="SpecValidationException"/> before anything is stored.
    /// </summary>
    public async Task<ExperimentRecord> StartAsync(ExperimentSpec spec, bool nightly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        validator.EnsureValid(spec);
        var now = time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var record = new ExperimentRecord(ExperimentRecord.CurrentVersion, ExperimentIds.New(spec.Name, now), spec.Name, now, nightly, null);
            if (await store.CreateAsync(record, spec, cancellationToken))
            {
                await queues.SendAsync(PlanMessage.For(record.Id), cancellationToken);
                LogStarted(logger, record.Id, WorkPlan.Count(spec));
                return record;
            }

            // Two experiments of one name in one second drew the same suffix: draw again.
            if (attempt >= 5)
            {
                throw new InvalidOperationException($"Could not find a free experiment id for '{spec.Name}'.");
            }
        }
    }

    /// <summary>
    /// Starts the nightly re-run of every experiment marked nightly (not re-runs themselves), as new experiments
    /// whose parent is the original. Ids derive from the UTC date, so a timer that fires twice in a day starts each
    /// re-run once. With a nightly budget (<see cref="NightlyOptions.IsCapped"/>), originals are taken in id order and
    /// each run is estimated first: one that fits what the night has left is started; one that does not is recorded
    /// instead of sent (record, spec and budget decision stored, status "over-budget", a history entry, one Warning
    /// event); one the planner cannot estimate is recorded as a failure to plan. Runs started earlier the same day
    /// count toward the night's budget. Returns the ids started.
    /// </summary>
    public async Task<IReadOnlyList<string>> StartNightlyAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var capped = budget.Options.IsCapped;
        var due = new List<(ExperimentRecord Original, ExperimentSpec Spec, string Run)>();
        long spentTokens = 0;
        var spentCost = 0.0;
        await foreach (var id in store.ListIdsAsync(cancellationToken))
        {
            var record = await store.GetRecordAsync(id, cancellationToken);
            if (record is not { Nightly: true, Parent: null } || await store.GetSpecAsync(id, cancellationToken) is not { } spec)
            {
                continue;
            }

            var runId = ExperimentIds.Nightly(record.Name, id, today);
            if (await store.GetRecordAsync(runId, cancellationToken) is null)
            {
                due.Add((record, spec, runId));
            }
            else if (capped && await store.GetBudgetAsync(runId, cancellationToken) is { WasStarted: true } earlier)
            {
                // Started by an earlier firing today: it spends from the same night's budget.
                spentTokens += earlier.Tokens ?? 0;
                spentCost += earlier.Cost ?? 0;
            }
        }

        var started = new List<string>();
        foreach (var (original, spec, runId) in due)
        {
            var run = new ExperimentRecord(ExperimentRecord.CurrentVersion, runId, original.Name, now, false, original.Id);
            var decision = capped ? await DecideAsync(run, spec, spentTokens, spentCost, now, cancellationToken) : null;
            if (!await store.CreateAsync(run, spec, cancellationToken))
            {
                continue; // another firing created it first and acted on it
            }

            if (decision is null || decision.WasStarted)
            {
                await queues.SendAsync(PlanMessage.For(run.Id), cancellationToken);
                LogNightly(logger, run.Id, original.Id);
                started.Add(run.Id);
                spentTokens += decision?.Tokens ?? 0;
                spentCost += decision?.Cost ?? 0;
                continue;
            }

            await RecordUnsentAsync(run, spec, decision, cancellationToken);
        }

        return started;
    }

    /// <summary>
    /// Estimates the run and stores the decision once (before the record, so that a run is never without one); a
    /// decision already stored (a firing that stopped before creating the record) is the one kept.
    /// </summary>
    private async Task<NightlyBudgetDecision> DecideAsync(ExperimentRecord run, ExperimentSpec spec, long spentTokens, double spentCost, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await store.GetBudgetAsync(run.Id, cancellationToken) is { } stored)
        {
            return stored;
        }

        NightlyBudgetDecision decision;
        try
        {
            decision = budget.Decide(run.Id, run.Parent!, budget.Estimate(spec), spentTokens, spentCost, now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A spec the planner cannot estimate must not stop the other experiments' nights.
            decision = budget.NotPlanned(run.Id, run.Parent!, e.Message, now);
        }

        await store.WriteBudgetAsync(run.Id, decision, cancellationToken);
        return decision;
    }

    /// <summary>A run recorded instead of sent: its history entry (no headlines), a failure to plan when it could not be estimated, and one Warning event.</summary>
    private async Task RecordUnsentAsync(ExperimentRecord run, ExperimentSpec spec, NightlyBudgetDecision decision, CancellationToken cancellationToken)
    {
        var owner = run.Parent!;
        await store.WriteHistoryAsync(owner, new HistoryEntry(run.CreatedAt, run.Id, spec.Name, [], 0, WorkPlan.Count(spec), Complete: false, Budget: decision), cancellationToken);
        if (decision.Outcome == NightlyBudgetDecision.NotPlanned)
        {
            var problem = decision.Problem ?? "the nightly budget could not estimate the run";
            await store.TryCreateFailureAsync(
                run.Id,
                new FailureRecord(FailureRecord.CurrentVersion, null, 0, "NightlyBudget: " + problem, decision.DecidedAt, "(not sent: the nightly budget could not estimate the run)"),
                cancellationToken);
            LogNotPlanned(logger, run.Id, owner, problem);
            return;
        }

        LogOverBudget(logger, run.Id, owner, decision.Tokens ?? 0, decision.MaxTokens, decision.RemainingTokens, decision.Cost ?? 0, decision.MaxCost, decision.RemainingCost);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started experiment {Experiment} with {Items} work items")]
    private static partial void LogStarted(ILogger logger, string experiment, int items);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started nightly run {Run} of experiment {Experiment}")]
    private static partial void LogNightly(ILogger logger, string run, string experiment);

    [LoggerMessage(EventId = NightlyEvents.OverBudgetId, EventName = NightlyEvents.OverBudget, Level = LogLevel.Warning,
        Message = "Nightly run {Run} of experiment {Experiment} not sent: over budget (estimate {EstimatedTokens} tokens, cap {MaxTokens}, remaining {RemainingTokens}; estimate cost {EstimatedCost}, cap {MaxCost}, remaining {RemainingCost})")]
    private static partial void LogOverBudget(ILogger logger, string run, string experiment, long estimatedTokens, long? maxTokens, long? remainingTokens, double estimatedCost, double? maxCost, double? remainingCost);

    [LoggerMessage(EventId = NightlyEvents.NotPlannedId, EventName = NightlyEvents.NotPlanned, Level = LogLevel.Warning,
        Message = "Nightly run {Run} of experiment {Experiment} not sent: the nightly budget could not estimate it: {Problem}")]
    private static partial void LogNotPlanned(ILogger logger, string run, string experiment, string problem);
}
