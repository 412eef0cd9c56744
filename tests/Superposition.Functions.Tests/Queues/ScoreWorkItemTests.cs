using Superposition.Engine.Status;
using Superposition.Functions.Queues;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;
using Superposition.Storage.Layout;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Tests.Queues;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ScoreWorkItemTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ProtocolServer _server = null!;

    public async Task InitializeAsync() => _server = await ReferenceModels.StartServerAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Dictionary<string, string?> RemoteModel() => WorkerModels.Settings(_server.BaseAddress);

    [Fact]
    public async Task Redelivered_message_does_not_call_the_model_again_and_leaves_one_result()
    {
        await using var app = FunctionsHarness.Create(azurite, RemoteModel());
        var id = await app.StartAsync(Specs.Small(prompts: 1, "remote"));
        await app.DrainPlanAsync();
        // The planned messages are not this test's: it delivers one of its own.
        await app.WorkQueue.ClearMessagesAsync();
        var text = QueueMessages.Serialize(WorkItemMessage.For(new WorkItem(id, "remote", "D2", 0)));
        var worker = app.Function<ScoreWorkItem>();

        var message = await FunctionsHarness.DeliverAsync(app.WorkQueue, text);
        await worker.RunAsync(message, default);
        var requests = _server.Stats.Snapshot().Requests;
        var first = (await app.Store.Store.ReadAsync(BlobLayout.Result(new WorkItem(id, "remote", "D2", 0)), default))!.ToString();
        // The same message re-delivered (its deletion lost), and a duplicate sent as a new message.
        await worker.RunAsync(await FunctionsHarness.RedeliverAsync(app.WorkQueue, message), default);
        await worker.RunAsync(await FunctionsHarness.DeliverAsync(app.WorkQueue, text), default);

        Assert.True(requests > 0);
        Assert.Equal(requests, _server.Stats.Snapshot().Requests);
        var results = await app.Store.Store.ListAsync(BlobLayout.Results(id), default).ToListAsync();
        Assert.Equal([BlobLayout.Result(new WorkItem(id, "remote", "D2", 0))], results.Select(r => r.Path));
        Assert.Equal(first, (await app.Store.Store.ReadAsync(results[0].Path, default))!.ToString());
    }

    [Fact]
    public async Task Failing_item_is_thrown_at_each_redelivery_with_its_dequeue_count_and_at_the_limit_the_poison_function_records_it()
    {
        await using var app = FunctionsHarness.Create(azurite, RemoteModel());
        var id = await app.StartAsync(Specs.Small(prompts: 1, "broken"));
        var item = new WorkItem(id, "broken", "D1", 0);
        var text = QueueMessages.Serialize(WorkItemMessage.For(item));
        var worker = app.Function<ScoreWorkItem>();

        // As the host does up to maxDequeueCount (host.json: 5): deliver, fail, release, deliver again.
        var message = await FunctionsHarness.DeliverAsync(app.WorkQueue, text);
        var attempts = new List<long>();
        for (var delivery = 1; delivery <= 5; delivery++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => worker.RunAsync(message, default));
            attempts.Add((await app.Store.GetAttemptAsync(id, item, default))!.Attempt);
            if (delivery < 5)
            {
                message = await FunctionsHarness.RedeliverAsync(app.WorkQueue, message);
            }
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], attempts);

        // The host then moves the message to the poison queue, from which it is delivered to the poison function.
        await app.WorkQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await app.Function<RecordFailedWorkItem>().RunAsync(await FunctionsHarness.DeliverAsync(app.WorkPoisonQueue, text), default);
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
        var message = await FunctionsHarness.DeliverAsync(app.WorkQueue, QueueMessages.Serialize(WorkItemMessage.For(new WorkItem(id, "reference-calibrated", "D1", 7))));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Function<ScoreWorkItem>().RunAsync(message, default));
        Assert.Contains("is not part of experiment", e.Message, StringComparison.Ordinal);
    }
}
