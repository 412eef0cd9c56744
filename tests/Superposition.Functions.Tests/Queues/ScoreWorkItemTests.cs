using Superposition.Functions.Queues;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;
using Superposition.Storage.Experiments;
using Superposition.Storage.Layout;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Tests.Queues;

public sealed class ScoreWorkItemTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ProtocolServer _server = null!;

    public async Task InitializeAsync() => _server = await ReferenceModels.StartServerAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>A configured vLLM-kind model served by this test's reference server, whose requests it counts.</summary>
    private Dictionary<string, string?> RemoteModel() => new()
    {
        ["Superposition:Models:remote:Kind"] = "vllm",
        ["Superposition:Models:remote:BaseUrl"] = new Uri(_server.BaseAddress, "v1").AbsoluteUri,
        ["Superposition:Models:remote:Model"] = "reference-calibrated",
        ["Superposition:Models:broken:Kind"] = "vllm",
        ["Superposition:Models:broken:BaseUrl"] = "http://127.0.0.1:1/v1",
        ["Superposition:Models:broken:MaxRetryAttempts"] = "0",
        ["Superposition:Models:broken:RequestTimeoutSeconds"] = "2",
    };

    [Fact]
    public async Task Redelivered_message_does_not_call_the_model_again_and_leaves_one_result()
    {
        await using var app = FunctionsHarness.Create(azurite, RemoteModel());
        var id = await app.StartAsync(Specs.Small(prompts: 1, "remote"));
        await app.DrainPlanAsync();
        var message = QueueMessages.Serialize(WorkItemMessage.For(new WorkItem(id, "remote", "D2", 0)));
        var worker = app.Function<ScoreWorkItem>();

        await worker.RunAsync(message, 1, default);
        var requests = _server.Stats.Snapshot().Requests;
        var first = (await app.Store.Store.ReadAsync(BlobLayout.Result(new WorkItem(id, "remote", "D2", 0)), default))!.ToString();
        await worker.RunAsync(message, 2, default);
        await worker.RunAsync(message, 1, default);

        Assert.True(requests > 0);
        Assert.Equal(requests, _server.Stats.Snapshot().Requests);
        var results = await app.Store.Store.ListAsync(BlobLayout.Results(id), default).ToListAsync();
        Assert.Equal([BlobLayout.Result(new WorkItem(id, "remote", "D2", 0))], results.Select(r => r.Path));
        Assert.Equal(first, (await app.Store.Store.ReadAsync(results[0].Path, default))!.ToString());
    }

    [Fact]
    public async Task Failing_item_is_thrown_for_the_host_to_retry_and_at_the_limit_the_poison_function_records_it()
    {
        await using var app = FunctionsHarness.Create(azurite, RemoteModel());
        var id = await app.StartAsync(Specs.Small(prompts: 1, "broken"));
        var item = new WorkItem(id, "broken", "D1", 0);
        var message = QueueMessages.Serialize(WorkItemMessage.For(item));
        var worker = app.Function<ScoreWorkItem>();

        await Assert.ThrowsAnyAsync<Exception>(() => worker.RunAsync(message, 4, default));
        await Assert.ThrowsAnyAsync<Exception>(() => worker.RunAsync(message, 5, default));
        Assert.Equal(5, (await app.Store.GetAttemptAsync(id, item, default))!.Attempt);

        await app.Function<RecordFailedWorkItem>().RunAsync(message, "poison-1", default);
        var failure = Assert.Single(await app.Store.ReadFailuresAsync(id, default).ToListAsync());
        Assert.Equal((item, 5L), (failure.Item, failure.Attempts));
        Assert.Contains("broken", failure.LastError, StringComparison.Ordinal);
        var status = (await ExperimentStatusReader.ReadAsync(app.Store, id, default))!;
        Assert.Equal((2, 1, 1), (status.Total, status.Failed, status.Pending));
        Assert.Empty(await app.Store.Store.ListAsync(BlobLayout.Results(id), default).ToListAsync());
    }

    [Fact]
    public async Task Item_outside_its_experiment_is_refused_naming_it()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 1));
        var message = QueueMessages.Serialize(WorkItemMessage.For(new WorkItem(id, "reference-calibrated", "D1", 7)));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Function<ScoreWorkItem>().RunAsync(message, 1, default));
        Assert.Contains("is not part of experiment", e.Message, StringComparison.Ordinal);
    }
}
