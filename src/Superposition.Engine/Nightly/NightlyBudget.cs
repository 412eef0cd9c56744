using Microsoft.Extensions.Options;
using Superposition.Nightly;
using Superposition.Scoring.Planning;
using Superposition.Specs;

namespace Superposition.Engine.Nightly;

/// <summary>
/// The night's budget (<see cref="NightlyOptions.MaxTokens"/>, <see cref="NightlyOptions.MaxCost"/>): estimates a
/// nightly run with the same planner as <c>superposition plan</c> and decides whether it fits what is left.
/// </summary>
public sealed class NightlyBudget(ScoringPlanner planner, IOptions<NightlyOptions> options)
{
    public NightlyOptions Options => options.Value;

    /// <summary>
    /// Tokens and cost of running <paramref name="spec"/>: per model, the planner's row of the strategy the spec
    /// names, or of auto's expected pick. Throws (with the planner's message) when the spec cannot be estimated:
    /// an unknown model, a strategy the model cannot run, or a collapse experiment (the planner counts calibration
    /// prompts only, and a budget that cannot be checked must not be passed silently).
    /// </summary>
    public NightlyEstimate Estimate(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Collapse is not null)
        {
            throw new InvalidOperationException($"The nightly budget cannot estimate collapse experiment '{spec.Name}' (the planner counts calibration prompts only); unset {NightlyOptions.SectionName}:MaxTokens and MaxCost to re-run it nightly.");
        }

        var rows = planner.Plan(spec, spec.Models, [spec.Scoring.Strategy]);
        foreach (var row in rows)
        {
            if (row.Requests == 0 && row.Prompts > 0)
            {
                throw new InvalidOperationException($"Model '{row.Model}': strategy {row.Strategy} is {row.Note ?? "not available"}.");
            }
        }

        return new NightlyEstimate(
            rows.Sum(r => r.PromptTokens + r.CompletionTokens),
            rows.Sum(r => r.Cost ?? 0),
            [.. rows.Where(r => r.Cost is null).Select(r => r.Model).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The decision about run <paramref name="runId"/> given what the night has already started
    /// (<paramref name="spentTokens"/>, <paramref name="spentCost"/>): started when it fits every cap set, else over budget.
    /// </summary>
    public NightlyBudgetDecision Decide(string runId, string experiment, NightlyEstimate estimate, long spentTokens, double spentCost, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var o = Options;
        var remainingTokens = o.MaxTokens is { } maxTokens ? maxTokens - spentTokens : (long?)null;
        var remainingCost = o.MaxCost is { } maxCost ? maxCost - spentCost : (double?)null;
        var fits = (remainingTokens is null || estimate.Tokens <= remainingTokens) && (remainingCost is null || estimate.Cost <= remainingCost);
        return new NightlyBudgetDecision(
            NightlyBudgetDecision.CurrentVersion,
            runId,
            experiment,
            fits ? NightlyBudgetDecision.Started : NightlyBudgetDecision.OverBudget,
            now,
            estimate.Tokens,
            estimate.Cost,
            estimate.UnpricedModels,
            o.MaxTokens,
            o.MaxCost,
            remainingTokens,
            remainingCost);
    }

    /// <summary>The decision about a run the planner could not estimate.</summary>
    public NightlyBudgetDecision NotPlanned(string runId, string experiment, string problem, DateTimeOffset now) =>
        new(NightlyBudgetDecision.CurrentVersion, runId, experiment, NightlyBudgetDecision.NotPlanned, now, null, null, [], Options.MaxTokens, Options.MaxCost, null, null, problem);
}
