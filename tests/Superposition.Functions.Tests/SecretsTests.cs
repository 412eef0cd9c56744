using Microsoft.Azure.Functions.Worker;
using Superposition.Functions.Queues;
using Superposition.Functions.Timers;
using Superposition.LocalModels.Reference;
using Superposition.Storage.Layout;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Tests;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SecretsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Key = "sk-test-9f8e7d6c5b4a39281706-secret";

    [Fact]
    public async Task Api_key_appears_in_no_blob_queue_message_or_log_line()
    {
        await using var server = await ReferenceModels.StartServerAsync();
        await using var app = FunctionsHarness.Create(azurite, new Dictionary<string, string?>
        {
            ["Superposition:Models:keyed:Kind"] = "openai-compatible",
            ["Superposition:Models:keyed:BaseUrl"] = new Uri(server.BaseAddress, "v1").AbsoluteUri,
            ["Superposition:Models:keyed:Model"] = "reference-leaky",
            ["Superposition:Models:keyed:ApiKeySetting"] = "TEST_KEY",
            ["Superposition:Models:locked:Kind"] = "openai-compatible",
            ["Superposition:Models:locked:BaseUrl"] = "http://127.0.0.1:1/v1",
            ["Superposition:Models:locked:ApiKeySetting"] = "TEST_KEY",
            ["Superposition:Models:locked:MaxRetryAttempts"] = "0",
            ["TEST_KEY"] = Key,
        });

        // A whole run with the keyed model, and a failing model whose errors are recorded and poisoned.
        var id = await app.StartAsync(Specs.Small(prompts: 2, "keyed"));
        await app.DrainPlanAsync();
        Assert.Equal(4, await app.DrainWorkAsync());
        await app.Function<AggregateResults>().RunAsync(new TimerInfo(), default);
        Assert.True(server.Stats.Snapshot().Requests > 0);

        var failing = await app.StartAsync(Specs.Small(prompts: 1, "locked"));
        var message = QueueMessages.Serialize(WorkItemMessage.For(new WorkItem(failing, "locked", "D1", 0)));
        await Assert.ThrowsAnyAsync<Exception>(async () => await app.Function<ScoreWorkItem>().RunAsync(await FunctionsHarness.DeliverAsync(app.WorkQueue, message), default));
        await app.Function<RecordFailedWorkItem>().RunAsync(await FunctionsHarness.DeliverAsync(app.WorkPoisonQueue, message), default);

        var blobs = await app.BlobsAsync();
        Assert.Contains(blobs, b => b.Name.Contains("/failures/", StringComparison.Ordinal));
        Assert.Contains(blobs, b => b.Name == BlobLayout.Summary(id));
        Assert.All(blobs, b => Assert.DoesNotContain(Key, b.Text, StringComparison.Ordinal));
        var waiting = (await app.PlanQueue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString());
        var messages = app.MessagesSeen.Concat(waiting).ToList();
        Assert.Contains(messages, m => m.Contains(failing, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain(Key, m, StringComparison.Ordinal));
        Assert.NotEmpty(app.Logs.Lines);
        Assert.All(app.Logs.Lines, l => Assert.DoesNotContain(Key, l, StringComparison.Ordinal));
    }
}
