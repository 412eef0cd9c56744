using Superposition.Engine.Aggregation;
using Superposition.Engine.Failures;
using Superposition.Engine.Planning;
using Superposition.Engine.Validation;
using Superposition.Engine.Work;
using Superposition.Specs;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;
using Superposition.Storage.Layout;

namespace Superposition.Engine.Running;

/// <summary>
/// Runs an experiment in-process (<c>superposition run</c>): the planner's expansion, the worker step for every item
/// without a result, at most <c>parallelism</c> at once, then aggregation, all through the same engine classes as
/// the Functions app and into the same layout. Items that fail are recorded and the run goes on; a resumed run
/// skips finished items and retries failed ones. Cancellation stops starting items and keeps what is finished. A spec
/// the engine's checks refuse (<see cref="ExperimentValidator"/>) throws a <see cref="SpecValidationException"/> before
/// anything is written.
/// </summary>
public sealed class ExperimentRunner(ExperimentStore store, WorkItemScorer worker, ExperimentAggregator aggregator, FailureRecorder failures, ExperimentValidator validator, TimeProvider time)
{
    public async Task<RunReport> RunAsync(string id, ExperimentSpec spec, int parallelism, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        if (!ExperimentIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not an experiment id ({ExperimentIds.Pattern}).", nameof(id));
        }

        validator.EnsureValid(spec);

        if (await store.GetSpecAsync(id, cancellationToken) is { } stored && !SameExperiment(stored, spec))
        {
            throw new InvalidOperationException(
                $"{store.Store.Location} already holds experiment '{id}' with another spec (tasks, distributions, examples, prompts, seed or scoring differ); use another output folder.");
        }

        await store.WriteSpecAsync(id, spec, cancellationToken);
        await store.WriteRecordAsync(new ExperimentRecord(ExperimentRecord.CurrentVersion, id, spec.Name, time.GetUtcNow(), false, null), cancellationToken);

        var done = new HashSet<WorkItem>();
        await foreach (var item in store.ListResultItemsAsync(id, cancellationToken))
        {
            done.Add(item);
        }

        var failedBefore = new HashSet<WorkItem>();
        await foreach (var failure in store.ReadFailuresAsync(id, cancellationToken))
        {
            if (failure.Item is { } item)
            {
                failedBefore.Add(item);
            }
        }

        var todo = WorkPlan.Expand(id, spec).Where(i => !done.Contains(i)).ToList();
        int finished = 0, scored = 0, failed = 0;
        progress?.Report(new RunProgress(0, todo.Count, 0, 0));
        await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (item, token) =>
        {
            if (failedBefore.Contains(item))
            {
                await store.DeleteFailureAsync(item, token);
            }

            try
            {
                await worker.ScoreAsync(item, token);
                Interlocked.Increment(ref scored);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await failures.RecordFailureAsync(item, 1, e, token);
                Interlocked.Increment(ref failed);
            }

            progress?.Report(new RunProgress(Interlocked.Increment(ref finished), todo.Count, Volatile.Read(ref scored), Volatile.Read(ref failed)));
        });

        var summary = await aggregator.AggregateAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"Experiment '{id}' vanished from {store.Store.Location} while running.");
        return new RunReport(id, WorkPlan.Count(spec), done.Count, scored, failed, summary);
    }

    /// <summary>Same experiment apart from its models (each --model replaces them; results of other models stay valid).</summary>
    private static bool SameExperiment(ExperimentSpec a, ExperimentSpec b) =>
        SpecLoader.Serialize(a with { Models = [], Description = null }) == SpecLoader.Serialize(b with { Models = [], Description = null });
}
