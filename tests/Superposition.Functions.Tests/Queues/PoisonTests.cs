using Microsoft.AspNetCore.Mvc;
using Superposition.Engine.Failures;
using Superposition.Engine.Status;
using Superposition.Functions.Http;
using Superposition.Functions.Queues;
using Superposition.Storage.Layout;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Tests.Queues;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PoisonTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Poisoned_work_item_is_recorded_once_with_attempts_and_last_error_and_status_counts_it()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 1));
        var item = new WorkItem(id, "reference-leaky", "D2", 0);
        await app.Function<FailureRecorder>().RecordAttemptAsync(id, item, 5, new HttpRequestException("503 Service Unavailable"), default);
        var message = QueueMessages.Serialize(WorkItemMessage.For(item));

        var poisoned = await FunctionsHarness.DeliverAsync(app.WorkPoisonQueue, message);
        await app.Function<RecordFailedWorkItem>().RunAsync(poisoned, default);
        await app.Function<RecordFailedWorkItem>().RunAsync(await FunctionsHarness.RedeliverAsync(app.WorkPoisonQueue, poisoned), default);

        var failure = Assert.Single(await app.Store.ReadFailuresAsync(id, default).ToListAsync());
        Assert.Equal((item, 5L, "HttpRequestException: 503 Service Unavailable"), (failure.Item, failure.Attempts, failure.LastError));
        Assert.Equal(message, failure.Message);

        var status = Assert.IsType<ExperimentStatus>(Assert.IsType<OkObjectResult>(await app.Function<GetExperiment>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}"), id, default)).Value);
        Assert.Equal((4, 0, 1, 3), (status.Total, status.Done, status.Failed, status.Pending));
        Assert.Equal(1, status.Groups.Single(g => g.Model == "reference-leaky" && g.Distribution == "D2").Failed);
        Assert.Equal("HttpRequestException: 503 Service Unavailable", Assert.Single(status.Failures).LastError);
    }

    [Fact]
    public async Task Poisoned_plan_marks_the_experiment_failed_with_its_error()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 1));
        await app.Function<FailureRecorder>().RecordAttemptAsync(id, null, 5, new TimeoutException("queue unreachable"), default);

        await app.Function<RecordFailedPlan>().RunAsync(await FunctionsHarness.DeliverAsync(app.PlanPoisonQueue, QueueMessages.Serialize(PlanMessage.For(id))), default);

        var status = (await ExperimentStatusReader.ReadAsync(app.Store, id, default))!;
        Assert.Equal("failed", status.State);
        Assert.Equal("TimeoutException: queue unreachable", status.PlanFailure!.LastError);
    }

    [Fact]
    public async Task Poison_message_naming_no_experiment_is_kept_under_unreadable_and_logged()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var garbage = await FunctionsHarness.DeliverAsync(app.WorkPoisonQueue, "garbage");
        await app.Function<RecordFailedWorkItem>().RunAsync(garbage, default);

        // Kept under the id the queue gave the message, which the log names too.
        var (name, text) = Assert.Single(await app.BlobsAsync());
        Assert.Equal($"unreadable/{garbage.MessageId}.json", name);
        Assert.Contains("garbage", text, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains(garbage.MessageId, StringComparison.Ordinal));
    }
}
