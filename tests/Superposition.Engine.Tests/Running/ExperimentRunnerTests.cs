using Superposition.Engine.Planning;
using Superposition.Engine.Running;
using Superposition.Storage.Layout;

namespace Superposition.Engine.Tests.Running;

/// <summary>
/// The in-process runner's checkpoints, on the in-memory store (fast tier): what is stored is the checkpoint, so a run
/// stopped part-way resumes with only the missing items, and items that failed are tried again.
/// </summary>
public sealed class ExperimentRunnerTests
{
    private const string Id = "small-20250601-120000-abcdef";

    [Fact]
    public async Task A_stopped_run_resumes_scoring_only_the_items_without_a_result()
    {
        await using var engine = EngineOnMemory.Create();
        var spec = Specs.Small(prompts: 3);
        var runner = engine.Get<ExperimentRunner>();

        // A first run stopped after its first results: cancelled from the progress report of the third item.
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Finished >= 3)
            {
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(Id, spec, 1, progress, stop.Token));
        var kept = await engine.Documents.ListAsync(BlobLayout.Results(Id), default).Select(b => (b.Path, b.ETag)).ToListAsync();

        var report = await runner.RunAsync(Id, spec, 2, null, default);

        Assert.InRange(kept.Count, 3, WorkPlan.Count(spec) - 1);
        Assert.Equal((WorkPlan.Count(spec), kept.Count, WorkPlan.Count(spec) - kept.Count, 0), (report.Total, report.Resumed, report.Scored, report.Failed));
        var after = await engine.Documents.ListAsync(BlobLayout.Results(Id), default).ToDictionaryAsync(b => b.Path, b => b.ETag);
        Assert.All(kept, k => Assert.Equal(k.ETag, after[k.Path])); // finished results are not scored again
        Assert.Equal(WorkPlan.Count(spec), report.Summary.Results);
    }

    [Fact]
    public async Task Items_that_failed_are_recorded_and_a_resumed_run_tries_them_again()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Superposition:Models:unreachable:Kind"] = "vllm",
            ["Superposition:Models:unreachable:BaseUrl"] = "http://127.0.0.1:1/v1",
            ["Superposition:Models:unreachable:MaxRetryAttempts"] = "0",
            ["Superposition:Models:unreachable:RequestTimeoutSeconds"] = "2",
        };
        await using var engine = EngineOnMemory.Create(settings);
        var spec = Specs.Small(prompts: 1) with { Models = ["reference-calibrated", "unreachable"] };
        var runner = engine.Get<ExperimentRunner>();

        var first = await runner.RunAsync(Id, spec, 2, null, default);
        var failedFirst = await engine.Store.ReadFailuresAsync(Id, default).Select(f => f.Item).ToListAsync();
        var second = await runner.RunAsync(Id, spec, 2, null, default);

        Assert.Equal((4, 0, 2, 2), (first.Total, first.Resumed, first.Scored, first.Failed));
        Assert.Equal(2, failedFirst.Count);
        Assert.All(failedFirst, item => Assert.Equal("unreachable", item!.Model));
        Assert.Equal((2, 0, 2), (second.Resumed, second.Scored, second.Failed)); // tried again, failed again
        Assert.Equal(2, await engine.Store.ReadFailuresAsync(Id, default).CountAsync());
    }

    /// <summary>Reports on the caller's thread, so the test sees each report before the next item starts.</summary>
    private sealed class SynchronousProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
