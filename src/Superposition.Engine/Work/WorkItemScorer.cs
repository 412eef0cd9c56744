using Microsoft.Extensions.Logging;
using Superposition.Collapse;
using Superposition.Engine.Planning;
using Superposition.Prompts;
using Superposition.Results;
using Superposition.Scoring;
using Superposition.Scoring.Telemetry;
using Superposition.Specs;
using Superposition.Storage.Experiments;
using Superposition.Storage.Layout;

namespace Superposition.Engine.Work;

/// <summary>
/// The worker step, shared by the Functions worker and <c>superposition run</c>: rebuild the item's prompt from the
/// spec, score it, write the result document once. The result's existence is checked before the model is called,
/// so a re-delivered message costs one blob read, and the create-once write means a race still leaves one result.
/// Failures are thrown (the Functions host retries; the CLI records them).
/// </summary>
public sealed partial class WorkItemScorer(ExperimentStore store, IPromptScorer scorer, TimeProvider time, ILogger<WorkItemScorer> logger)
{
    public async Task<WorkOutcome> ScoreAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);

        // The scorer's spans carry the experiment's name; the scorer itself only sees a model and a prompt.
        using var experiment = ScoringTelemetry.ForExperiment(item.Experiment);
        if (await store.ResultExistsAsync(item, cancellationToken))
        {
            LogAlreadyDone(logger, item.ToString());
            return WorkOutcome.AlreadyDone;
        }

        var spec = await store.GetSpecAsync(item.Experiment, cancellationToken)
            ?? throw new InvalidOperationException($"Work item {item} names experiment '{item.Experiment}', which has no stored spec.");
        if (spec.Collapse is not null)
        {
            return await RunAsync(item, spec, cancellationToken);
        }

        if (!spec.Models.Contains(item.Model) || !spec.Distributions.Any(d => d.Name == item.Distribution) || item.Prompt >= spec.Prompts)
        {
            throw new InvalidOperationException($"Work item {item} is not part of experiment '{item.Experiment}' (models {string.Join(", ", spec.Models)}; distributions {string.Join(", ", spec.Distributions.Select(d => d.Name))}; {spec.Prompts} prompts).");
        }

        var prompt = new PromptGenerator(spec.ResolveTasks()).Generate(spec.ResolveDistribution(item.Distribution), spec.Examples, spec.Seed, item.Prompt);
        var score = await scorer.ScoreAsync(item.Model, prompt, spec.Scoring, cancellationToken);
        var now = time.GetUtcNow();
        if (!await store.TryCreateResultAsync(item, PromptResult.Create(spec.Name, prompt, score, now), cancellationToken))
        {
            LogAlreadyDone(logger, item.ToString());
            return WorkOutcome.AlreadyDone;
        }

        await store.MarkChangedAsync(item.Experiment, now, cancellationToken);
        LogScored(logger, item.ToString(), score.Strategy, score.Cost.Requests);
        return WorkOutcome.Scored;
    }

    /// <summary>A collapse experiment's item is one multi-turn run: every turn sampled, the run written once.</summary>
    private async Task<WorkOutcome> RunAsync(WorkItem item, ExperimentSpec spec, CancellationToken cancellationToken)
    {
        if (!spec.Models.Contains(item.Model) || item.Distribution != WorkPlan.Runs || item.Prompt >= spec.Collapse!.TotalRuns)
        {
            throw new InvalidOperationException($"Work item {item} is not part of collapse experiment '{item.Experiment}' (models {string.Join(", ", spec.Models)}; runs 0..{spec.Collapse!.TotalRuns - 1} under '{WorkPlan.Runs}').");
        }

        var result = await MultiTurnRunner.RunAsync(spec, item.Model, item.Prompt, new ScorerAnswerSampler(scorer), time, cancellationToken);
        if (!await store.TryCreateResultAsync(item, result, cancellationToken))
        {
            LogAlreadyDone(logger, item.ToString());
            return WorkOutcome.AlreadyDone;
        }

        await store.MarkChangedAsync(item.Experiment, result.FinishedAt, cancellationToken);
        LogScored(logger, item.ToString(), "sample", result.Cost.Requests);
        return WorkOutcome.Scored;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scored {Item} by {Strategy} in {Requests} requests")]
    private static partial void LogScored(ILogger logger, string item, string strategy, int requests);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Item} already has its result; the model is not called again")]
    private static partial void LogAlreadyDone(ILogger logger, string item);
}
