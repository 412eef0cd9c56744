using System.Globalization;
using Superposition.Randomness;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;

namespace Superposition.Collapse;

/// <summary>Runs one multi-turn run of a collapse experiment for one model through an <see cref="IAnswerSampler"/>.</summary>
public static class MultiTurnRunner
{
    public static async Task<CollapseRunResult> RunAsync(
        ExperimentSpec spec, string model, int runIndex, IAnswerSampler sampler, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(time);
        var options = spec.Collapse ?? throw new ArgumentException($"Experiment '{spec.Name}' is not a collapse experiment.", nameof(spec));
        if (runIndex < 0 || runIndex >= options.TotalRuns)
        {
            throw new ArgumentOutOfRangeException(nameof(runIndex), runIndex, $"Experiment '{spec.Name}' has runs 0..{options.TotalRuns - 1}.");
        }

        var run = new MultiTurnRun(spec.ResolveTasks(), options.InitialCountsOf(runIndex, spec.Tasks.Count), options.Turns, spec.Seed, runIndex);
        var cost = ScoringCost.None;
        var turn = 0;
        while (!run.Done)
        {
            var seed = Seeds.Derive(spec.Seed, "collapse-sample", model, runIndex.ToString(CultureInfo.InvariantCulture), turn.ToString(CultureInfo.InvariantCulture));
            var answer = await sampler.SampleAsync(model, run.Prompt, options.Temperature, options.MaxTokens, seed, cancellationToken).ConfigureAwait(false);
            cost = cost.Add(answer.Cost);
            run.Record(answer);
            turn++;
        }

        var outcome = run.Outcome;
        return new CollapseRunResult(
            CollapseRunResult.CurrentVersion,
            spec.Name,
            model,
            runIndex,
            spec.Tasks,
            run.InitialCounts,
            run.History,
            outcome.TaskCounts,
            outcome.OtherCount,
            options.Temperature,
            cost,
            time.GetUtcNow());
    }
}
