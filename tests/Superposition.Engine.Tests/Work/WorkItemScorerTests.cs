using Superposition.Engine.Failures;
using Superposition.Engine.Work;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;
using Superposition.Storage.Documents;
using Superposition.Storage.Layout;

namespace Superposition.Engine.Tests.Work;

/// <summary>
/// The worker step's guarantees, on the in-memory store (fast tier): a re-delivered item costs no model call and leaves
/// one result, and failed attempts are written with their numbers. The Functions tests prove the same through the
/// queues on Azurite.
/// </summary>
public sealed class WorkItemScorerTests : IAsyncLifetime
{
    private ProtocolServer _server = null!;

    public async Task InitializeAsync() => _server = await ReferenceModels.StartServerAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // remote: the reference server over real loopback HTTP, whose requests it counts; broken: nothing answers.
    private Dictionary<string, string?> Models() => WorkerModels.Settings(_server.BaseAddress);

    private static async Task<string> StartAsync(EngineOnMemory engine, params string[] models)
    {
        var spec = Specs.Small(prompts: 1) with { Models = models };
        var record = new ExperimentRecord(ExperimentRecord.CurrentVersion, "small-20250601-120000-abcdef", spec.Name, engine.Time.GetUtcNow(), false, null);
        Assert.True(await engine.Store.CreateAsync(record, spec, default));
        return record.Id;
    }

    [Fact]
    public async Task A_redelivered_item_does_not_call_the_model_again_and_leaves_its_one_result_unchanged()
    {
        await using var engine = EngineOnMemory.Create(Models());
        var id = await StartAsync(engine, "remote");
        var item = new WorkItem(id, "remote", "D2", 0);
        var worker = engine.Get<WorkItemScorer>();

        Assert.Equal(WorkOutcome.Scored, await worker.ScoreAsync(item, default));
        var requests = _server.Stats.Snapshot().Requests;
        var first = await engine.Documents.GetAsync(BlobLayout.Result(item), default);
        Assert.Equal(WorkOutcome.AlreadyDone, await worker.ScoreAsync(item, default));
        Assert.Equal(WorkOutcome.AlreadyDone, await worker.ScoreAsync(item, default));

        Assert.True(requests > 0);
        Assert.Equal(requests, _server.Stats.Snapshot().Requests);
        Assert.Equal(first!.ETag, (await engine.Documents.GetAsync(BlobLayout.Result(item), default))!.ETag);
        Assert.Single(await engine.Documents.ListAsync(BlobLayout.Results(id), default).ToListAsync());
    }

    [Fact]
    public async Task Each_failed_attempt_is_written_with_its_number_and_a_given_up_item_is_recorded_once()
    {
        await using var engine = EngineOnMemory.Create(Models());
        var id = await StartAsync(engine, "broken");
        var item = new WorkItem(id, "broken", "D1", 0);
        var worker = engine.Get<WorkItemScorer>();
        var failures = engine.Get<FailureRecorder>();

        var attempts = new List<long>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => worker.ScoreAsync(item, default));
            await failures.RecordAttemptAsync(id, item, attempt, e, default);
            attempts.Add((await engine.Store.GetAttemptAsync(id, item, default))!.Attempt);
        }

        var given = await failures.RecordFailureAsync(item, 3, new InvalidOperationException("given up"), default);
        var again = await failures.RecordFailureAsync(item, 3, new InvalidOperationException("given up"), default);

        Assert.Equal([1L, 2L, 3L], attempts);
        Assert.Contains("broken", (await engine.Store.GetAttemptAsync(id, item, default))!.Error, StringComparison.Ordinal);
        Assert.Equal((true, false), (given, again));
        var failure = Assert.Single(await engine.Store.ReadFailuresAsync(id, default).ToListAsync());
        Assert.Equal((item, 3L), (failure.Item, failure.Attempts));
        Assert.Empty(await engine.Documents.ListAsync(BlobLayout.Results(id), default).ToListAsync());
    }
}
