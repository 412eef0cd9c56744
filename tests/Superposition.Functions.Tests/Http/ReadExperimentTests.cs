using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Planning;
using Superposition.Engine.Status;
using Superposition.Functions.Http;
using Superposition.Functions.Timers;
using Superposition.Storage.Documents;
using Superposition.Storage.Layout;

namespace Superposition.Functions.Tests.Http;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReadExperimentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Unknown = "small-20250101-000000-000000";

    [Theory]
    [InlineData("UPPER")]
    [InlineData("a..b/c")]
    [InlineData("-x")]
    public async Task Malformed_id_is_400_on_every_read(string id)
    {
        await using var app = FunctionsHarness.Create(azurite);
        foreach (var result in await ReadAllAsync(app, id))
        {
            var problem = Assert.IsType<ValidationProblemDetails>(Assert.IsType<ObjectResult>(result).Value);
            Assert.Equal(400, problem.Status);
            Assert.Equal(["id"], problem.Errors.Keys);
        }

        Assert.Empty(await app.BlobsAsync());
    }

    [Fact]
    public async Task Unknown_id_is_404_on_every_read()
    {
        await using var app = FunctionsHarness.Create(azurite);
        foreach (var result in await ReadAllAsync(app, Unknown))
        {
            var objectResult = Assert.IsType<ObjectResult>(result);
            Assert.Equal(404, objectResult.StatusCode);
            Assert.Contains(Unknown, Assert.IsType<ProblemDetails>(objectResult.Value).Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task New_experiment_is_listed_queued_with_all_items_pending_and_has_no_summary_or_report_yet()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 2));

        var list = Assert.IsType<List<ExperimentRecord>>(Assert.IsType<OkObjectResult>(await app.Function<ListExperiments>().RunAsync(FunctionsHarness.Request("GET", "/api/experiments"), default)).Value);
        Assert.Equal([id], list.Select(r => r.Id));

        var status = Assert.IsType<ExperimentStatus>(Assert.IsType<OkObjectResult>(await app.Function<GetExperiment>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}"), id, default)).Value);
        Assert.Equal(("queued", 8, 0, 0, 8), (status.State, status.Total, status.Done, status.Failed, status.Pending));
        Assert.Equal(4, status.Groups.Count);

        var summary = Assert.IsType<ObjectResult>(await app.Function<GetExperimentSummary>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}/summary"), id, default));
        Assert.Equal(404, summary.StatusCode);
        Assert.Contains("no summary yet", Assert.IsType<ProblemDetails>(summary.Value).Detail, StringComparison.Ordinal);
        var report = Assert.IsType<ObjectResult>(await app.Function<GetExperimentReport>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}/report"), id, default));
        Assert.Contains("no report yet", Assert.IsType<ProblemDetails>(report.Value).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_report_is_served_as_html()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 1));
        await app.Store.Store.WriteAsync(BlobLayout.Report(id), BinaryData.FromString("<html>report</html>"), default);

        var file = Assert.IsType<FileContentResult>(await app.Function<GetExperimentReport>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}/report"), id, default));
        Assert.Equal("text/html; charset=utf-8", file.ContentType);
        Assert.Equal("<html>report</html>", System.Text.Encoding.UTF8.GetString(file.FileContents));
    }

    [Fact]
    public async Task Aggregation_renders_the_report_that_the_report_endpoint_serves()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 1));
        var spec = (await app.Store.GetSpecAsync(id, default))!;
        foreach (var item in WorkPlan.Expand(id, spec))
        {
            await app.Store.TryCreateResultAsync(item, SyntheticResults.For(spec, item, mass: 0.5), default);
        }

        await app.Store.MarkChangedAsync(id, app.Time.GetUtcNow(), default);
        await app.Function<AggregateResults>().RunAsync(new TimerInfo(), default);

        var file = Assert.IsType<FileContentResult>(await app.Function<GetExperimentReport>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}/report"), id, default));
        var html = System.Text.Encoding.UTF8.GetString(file.FileContents);
        Assert.Contains($"Superposition report: {spec.Name}", html, StringComparison.Ordinal);
        Assert.Contains("data-metric=\"kl-raw\"", html, StringComparison.Ordinal);
    }

    private static async Task<IActionResult[]> ReadAllAsync(FunctionsHarness app, string id) =>
    [
        await app.Function<GetExperiment>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}"), id, default),
        await app.Function<GetExperimentSummary>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}/summary"), id, default),
        await app.Function<GetExperimentReport>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}/report"), id, default),
    ];
}
