using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Status;
using Superposition.Functions.Http;
using Superposition.Functions.Timers;

namespace Superposition.Functions.Tests;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Posted_spec_is_planned_scored_on_the_reference_server_and_summarised_calibrated_and_leaky_as_designed()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var id = await app.StartAsync(Specs.Small(prompts: 5, "reference-calibrated", "reference-leaky"));

        Assert.Equal(1, await app.DrainPlanAsync());
        Assert.Equal(20, await app.DrainWorkAsync());
        await app.Function<AggregateResults>().RunAsync(new TimerInfo(), default);

        var status = Assert.IsType<ExperimentStatus>(Assert.IsType<OkObjectResult>(await app.Function<GetExperiment>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}"), id, default)).Value);
        Assert.Equal(("complete", 20, 20, 0, 0), (status.State, status.Total, status.Done, status.Failed, status.Pending));

        var summary = (await app.Store.GetSummaryAsync(id, default))!;
        Assert.Equal(20, summary.Results);
        foreach (var distribution in summary.Models.Single(m => m.Model == "reference-calibrated").Distributions)
        {
            Assert.Equal(5, distribution.Prompts);
            Assert.Equal(0, distribution.Terminated!.KlNormalized.Mean, 6);
            Assert.Equal(0, distribution.Terminated.KlRaw.Mean, 6);
            Assert.Equal(1, distribution.Terminated.ValidMass.Mean, 6);

            // Prefix-inclusive, "I" also holds "Italian": the valid mass can pass 1 and KL_raw fall below 0.
            Assert.True(distribution.Prefix!.ValidMass.Mean >= 1 - 1e-9);
            Assert.True(distribution.Prefix.KlRaw.Mean <= 1e-9);
        }

        // docs/science.md: perfect proportions at valid mass 0.22 score KL_raw = −log 0.22 ≈ 1.51 and KL_norm = 0.
        foreach (var distribution in summary.Models.Single(m => m.Model == "reference-leaky").Distributions)
        {
            Assert.Equal(-Math.Log(0.22), distribution.Terminated!.KlRaw.Mean, 3);
            Assert.Equal(0, distribution.Terminated.KlNormalized.Mean, 6);
            Assert.Equal(0.22, distribution.Terminated.ValidMass.Mean, 3);
        }
    }

    [Fact]
    public async Task Posted_collapse_spec_runs_one_work_item_per_model_and_run_and_is_summarised_against_the_urn()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var spec = """
            {"version": 1, "name": "collapse-e2e", "kind": "collapse", "tasks": ["country.capital", "country.first-letter"],
             "seed": 3, "models": ["reference-calibrated", "reference-sharp"],
             "collapse": {"initial": {"counts": [2, 2]}, "turns": 6, "runs": 10}}
            """;
        var id = await app.StartAsync(spec);

        Assert.Equal(1, await app.DrainPlanAsync());
        Assert.Equal(20, await app.DrainWorkAsync());
        await app.Function<AggregateResults>().RunAsync(new TimerInfo(), default);

        var status = Assert.IsType<ExperimentStatus>(Assert.IsType<OkObjectResult>(await app.Function<GetExperiment>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}"), id, default)).Value);
        Assert.Equal(("complete", 20, 20, 0), (status.State, status.Total, status.Done, status.Failed));
        var summary = (await app.Store.GetSummaryAsync(id, default))!;
        Assert.Empty(summary.Models);
        Assert.Equal(["reference-calibrated", "reference-sharp"], summary.Collapse!.Select(m => m.Model).Order());
        Assert.All(summary.Collapse!, m =>
        {
            Assert.Equal(10, m.Report.Observed.Runs);
            Assert.Equal(0, m.Report.Observed.OtherRate);
            Assert.Equal([2, 2], m.InitialCounts);
        });
    }
}
