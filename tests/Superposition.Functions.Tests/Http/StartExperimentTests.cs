using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Superposition.Engine.Planning;
using Superposition.Functions.Http;
using Superposition.LocalModels.Onnx;
using Superposition.Specs;
using Superposition.Storage.Messages;

namespace Superposition.Functions.Tests.Http;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class StartExperimentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Valid_spec_is_stored_its_plan_enqueued_and_answered_202_with_id_and_status_url()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var accepted = Assert.IsType<AcceptedResult>(await app.PostAsync(Specs.Small(prompts: 3)));
        var started = Assert.IsType<StartExperiment.StartedExperiment>(accepted.Value);

        Assert.Matches("^small-20250601-120000-[0-9a-f]{6}$", started.Id);
        Assert.Equal($"https://superposition.example/api/experiments/{started.Id}", accepted.Location);
        Assert.Equal(accepted.Location, started.Status);
        Assert.Equal(3 * 2 * 2, started.Items);
        Assert.Equal(["reference-calibrated", "reference-leaky"], (await app.Store.GetSpecAsync(started.Id, default))!.Models);
        Assert.False((await app.Store.GetRecordAsync(started.Id, default))!.Nightly);

        var plan = (await app.PlanQueue.ReceiveMessagesAsync(32)).Value;
        Assert.Equal(PlanMessage.For(started.Id), QueueMessages.ReadPlan(Assert.Single(plan).MessageText));
    }

    [Fact]
    public async Task Nightly_flag_is_kept_in_the_experiment_record()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(), "?nightly=true");
        Assert.True((await app.Store.GetRecordAsync(id, default))!.Nightly);
    }

    [Fact]
    public async Task Invalid_spec_is_400_naming_every_bad_field_and_nothing_is_written_or_enqueued()
    {
        await using var app = FunctionsHarness.Create(azurite, new Dictionary<string, string?> { ["Superposition:Limits:MaxPrompts"] = "10", ["Superposition:Limits:MaxExamples"] = "50" });
        var spec = Specs.With(Specs.Small(), "tasks", new JsonArray("country.capital", "country.nope"));
        spec = Specs.With(spec, "prompts", 11);
        spec = Specs.With(spec, "examples", 51);
        spec = Specs.With(spec, "models", new JsonArray("reference-calibrated", "no-such-model"));

        var result = Assert.IsType<ObjectResult>(await app.PostAsync(spec));
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("application/problem+json", result.ContentTypes);
        var problem = Assert.IsType<ValidationProblemDetails>(result.Value);
        Assert.Equal(["$.examples", "$.models[1]", "$.prompts", "$.tasks[1]"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("no-such-model", problem.Errors["$.models[1]"].Single(), StringComparison.Ordinal);
        Assert.Contains("limit of 10", problem.Errors["$.prompts"].Single(), StringComparison.Ordinal);

        Assert.Empty(await app.BlobsAsync());
        Assert.False((await app.PlanQueue.ExistsAsync()).Value && (await app.PlanQueue.PeekMessagesAsync()).Value.Length > 0);
    }

    [Fact]
    public async Task Spec_asking_a_trained_model_a_question_it_never_saw_is_400_naming_the_model_and_the_question_as_the_CLI_refuses_it()
    {
        using var trained = new UntaughtTrainedModel();
        await using var app = FunctionsHarness.Create(azurite, new Dictionary<string, string?> { [OnnxModelProvider.TrainedModelsSetting] = trained.Root });
        var spec = UntaughtTrainedModel.NumbersSpec("reference-calibrated", UntaughtTrainedModel.Name);

        var result = Assert.IsType<ObjectResult>(await app.PostAsync(spec));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("application/problem+json", result.ContentTypes);
        var problem = Assert.IsType<ValidationProblemDetails>(result.Value);
        Assert.Equal(["$.models[1]"], problem.Errors.Keys);
        var message = problem.Errors["$.models[1]"].Single();
        Assert.Contains($"model '{UntaughtTrainedModel.Name}'", message, StringComparison.Ordinal);
        Assert.Contains($"asks {UntaughtTrainedModel.UnseenQuestion} as final question", message, StringComparison.Ordinal);
        Assert.Empty(await app.BlobsAsync());

        // The engine's launcher refuses it too, for a caller that skips this validation, before storing anything.
        var launch = () => app.Services.GetRequiredService<ExperimentLauncher>().StartAsync(SpecLoader.Parse(spec), nightly: false, default);
        Assert.Equal("$.models[1]", Assert.Single((await Assert.ThrowsAsync<SpecValidationException>(launch)).Errors).Path);
        Assert.Empty(await app.BlobsAsync());
        Assert.False((await app.PlanQueue.ExistsAsync()).Value && (await app.PlanQueue.PeekMessagesAsync()).Value.Length > 0);
    }

    [Theory]
    [InlineData("{not json", "$")]
    [InlineData("{\"version\":1}", "$.name")]
    public async Task Malformed_spec_is_400_with_the_path_of_the_problem(string body, string path)
    {
        await using var app = FunctionsHarness.Create(azurite);
        var result = Assert.IsType<ObjectResult>(await app.PostAsync(body));
        Assert.Equal(400, result.StatusCode);
        Assert.Contains(path, Assert.IsType<ValidationProblemDetails>(result.Value).Errors.Keys);
        Assert.Empty(await app.BlobsAsync());
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_and_nothing_is_written()
    {
        await using var app = FunctionsHarness.Create(azurite, new Dictionary<string, string?> { ["Superposition:Limits:MaxBodyBytes"] = "200" });
        var spec = Specs.With(Specs.Small(), "description", new string('x', 300));
        var result = Assert.IsType<ObjectResult>(await app.PostAsync(spec));
        Assert.Equal(413, result.StatusCode);
        Assert.Contains("200 bytes", Assert.IsType<ProblemDetails>(result.Value).Detail, StringComparison.Ordinal);
        Assert.Empty(await app.BlobsAsync());
    }

    [Fact]
    public async Task Nightly_flag_that_is_not_a_boolean_is_400_naming_it()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var result = Assert.IsType<ObjectResult>(await app.PostAsync(Specs.Small(), "?nightly=sometimes"));
        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["nightly"], Assert.IsType<ValidationProblemDetails>(result.Value).Errors.Keys);
    }

    [Fact]
    public async Task Too_many_work_items_is_400_on_the_whole_spec()
    {
        await using var app = FunctionsHarness.Create(azurite, new Dictionary<string, string?> { ["Superposition:Limits:MaxWorkItems"] = "11" });
        var result = Assert.IsType<ObjectResult>(await app.PostAsync(Specs.Small(prompts: 3)));
        Assert.Contains("12 work items", Assert.IsType<ValidationProblemDetails>(result.Value).Errors["$"].Single(), StringComparison.Ordinal);
    }
}
