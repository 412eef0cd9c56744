using System.Text;
using Azure.Storage.Queues;
using Superposition.Functions.Queues;
using Superposition.Storage.Layout;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Tests.Queues;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PlanExperimentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Planner_enqueues_one_item_per_prompt_model_and_distribution_and_a_second_delivery_adds_none()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 3));
        var plan = (await app.PlanQueue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5))).Value.Single();

        // Batches of 5 (PlanBatchSize): 12 items are 3 batches, checkpointed one by one. The second delivery is the
        // same message received again from the queue, as the host re-delivers it.
        await app.Function<PlanExperiment>().RunAsync(plan, default);
        var again = await FunctionsHarness.RedeliverAsync(app.PlanQueue, plan);
        Assert.Equal((plan.MessageId, 2L), (again.MessageId, again.DequeueCount));
        await app.Function<PlanExperiment>().RunAsync(again, default);

        var items = (await app.ReceiveWorkAsync()).Select(m => QueueMessages.ReadWorkItem(m.MessageText).Item).ToList();
        var expected = from prompt in Enumerable.Range(0, 3)
                       from distribution in new[] { "D1", "D2" }
                       from model in new[] { "reference-calibrated", "reference-leaky" }
                       select new WorkItem(id, model, distribution, prompt);
        Assert.Equal(expected.OrderBy(i => i.ToString(), StringComparer.Ordinal), items.OrderBy(i => i.ToString(), StringComparer.Ordinal));
        Assert.Equal(3, await app.Store.Store.ListAsync(BlobLayout.Experiment(id) + "plan/", default).CountAsync());
    }

    [Fact]
    public async Task Plan_for_an_unknown_experiment_fails_and_records_no_attempt_outside_it()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var message = await FunctionsHarness.DeliverAsync(app.PlanQueue, QueueMessages.Serialize(PlanMessage.For("small-20250101-000000-000000")));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Function<PlanExperiment>().RunAsync(message, default));
        Assert.Contains("no stored spec", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_message_travels_base64_on_the_queue_and_the_planner_reads_it_as_the_host_delivers_it()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 1));

        // On the wire: base64 of the JSON, which host.json's messageEncoding tells the host to decode.
        var raw = new QueueClient(azurite.ConnectionString, app.PlanQueue.Name);
        var wire = (await raw.PeekMessageAsync()).Value.MessageText;
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(wire));
        Assert.Equal(id, QueueMessages.ReadPlan(json).Experiment);

        // Delivered: the decoded text, with the message's id and first dequeue count.
        var delivered = (await app.PlanQueue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5))).Value.Single();
        Assert.Equal((json, 1L), (delivered.MessageText, delivered.DequeueCount));
        await app.Function<PlanExperiment>().RunAsync(delivered, default);
        Assert.Equal(4, (await app.ReceiveWorkAsync()).Count);
    }
}
