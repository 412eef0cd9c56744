using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Aggregation;
using Superposition.Engine.Planning;
using Superposition.Functions.Http;
using Superposition.Functions.Timers;

namespace Superposition.Functions.Tests.Timers;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AggregateResultsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Timer_summarises_experiments_with_new_results_and_only_those()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 4));
        var idle = await app.StartAsync(Specs.Small(prompts: 1));
        var spec = (await app.Store.GetSpecAsync(id, default))!;
        var items = WorkPlan.Expand(id, spec).Where(i => i.Model == "reference-leaky").ToList();
        foreach (var item in items.Take(5))
        {
            Assert.True(await app.Store.TryCreateResultAsync(item, SyntheticResults.For(spec, item, mass: 0.22), default));
        }

        await app.Store.MarkChangedAsync(id, app.Time.GetUtcNow(), default);
        var aggregator = app.Function<AggregateResults>();
        await aggregator.RunAsync(new TimerInfo(), default);

        var summary = (await app.Store.GetSummaryAsync(id, default))!;
        Assert.Equal(5, summary.Results);
        Assert.Null(await app.Store.GetSummaryAsync(idle, default));
        var d1 = summary.Models.Single().Distributions.Single(d => d.Distribution == "D1");
        Assert.Equal(-Math.Log(0.22), d1.Terminated!.KlRaw.Mean, 9);
        Assert.Equal(0, d1.Terminated.KlNormalized.Mean, 9);

        // Nothing new: not due. A new result: due again, and counted.
        var aggregate = app.Function<ExperimentAggregator>();
        Assert.False(await aggregate.IsDueAsync(id, default));
        Assert.True(await app.Store.TryCreateResultAsync(items[5], SyntheticResults.For(spec, items[5], mass: 0.22), default));
        await app.Store.MarkChangedAsync(id, app.Time.GetUtcNow(), default);
        Assert.True(await aggregate.IsDueAsync(id, default));
        await aggregator.RunAsync(new TimerInfo(), default);
        Assert.Equal(6, (await app.Store.GetSummaryAsync(id, default))!.Results);

        var served = Assert.IsType<FileContentResult>(await app.Function<GetExperimentSummary>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}/summary"), id, default));
        Assert.Contains("\"results\":6", System.Text.Encoding.UTF8.GetString(served.FileContents), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collapse_experiment_whose_calibration_has_other_tasks_is_summarised_without_beta_urn_and_logged()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var calibration = await app.StartAsync(Specs.With(Specs.Small(2, "reference-sharp"), "tasks", new JsonArray("country.capital", "country.first-letter", "country.continent")));
        var collapse = await app.StartAsync("""
            {"version": 1, "name": "collapse-other-tasks", "kind": "collapse", "seed": 1, "models": ["reference-sharp"],
             "tasks": ["country.capital", "country.first-letter", "country.language"],
             "collapse": {"initial": {"counts": [2, 2, 2]}, "turns": 4, "runs": 6, "calibration": "small"}}
            """);
        await app.DrainPlanAsync();
        await app.DrainWorkAsync();
        var aggregator = app.Function<ExperimentAggregator>();
        Assert.NotNull((await aggregator.AggregateAsync(calibration, default))!.Models.Single().Exponent);

        var summary = (await aggregator.AggregateAsync(collapse, default))!;

        // The runs are still summarised; only the beta-urn is missing, with the reason kept and logged.
        var sharp = summary.Collapse!.Single();
        Assert.Equal(6, sharp.Report.Observed.Runs);
        Assert.Null(sharp.BetaUrn);
        Assert.Contains("lacks task(s) country.language of collapse experiment 'collapse-other-tasks'", sharp.BetaUrnProblem, StringComparison.Ordinal);
        Assert.Contains("has task(s) country.continent", sharp.BetaUrnProblem, StringComparison.Ordinal);
        Assert.Equal(sharp.BetaUrnProblem, (await app.Store.GetSummaryAsync(collapse, default))!.Collapse!.Single().BetaUrnProblem);
        var warning = Assert.Single(app.Logs.Lines, l => l.StartsWith("Warning Superposition.Engine.Aggregation.ExperimentAggregator", StringComparison.Ordinal));
        Assert.All(
            new[] { $"Experiment={collapse}", "Model=reference-sharp", $"Problem={sharp.BetaUrnProblem}", "{OriginalFormat}=Collapse experiment {Experiment}: no beta-urn prediction for model {Model}: {Problem}" },
            value => Assert.Contains(value, warning, StringComparison.Ordinal));
    }
}
