using Superposition.Functions.Queues;
using Superposition.Storage.Layout;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Tests.Queues;

public sealed class PlanExperimentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Planner_enqueues_one_item_per_prompt_model_and_distribution_and_a_second_delivery_adds_none()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 3));
        var plan = (await app.PlanQueue.ReceiveMessagesAsync(1)).Value.Single();

        // Batches of 5 (PlanBatchSize): 12 items are 3 batches, checkpointed one by one.
        await app.Function<PlanExperiment>().RunAsync(plan.MessageText, 1, default);
        await app.Function<PlanExperiment>().RunAsync(plan.MessageText, 2, default);

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
        var message = QueueMessages.Serialize(PlanMessage.For("small-20250101-000000-000000"));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Function<PlanExperiment>().RunAsync(message, 1, default));
        Assert.Contains("no stored spec", e.Message, StringComparison.Ordinal);
    }
}
