using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Superposition.Engine.Nightly;
using Superposition.Engine.Status;
using Superposition.Functions.Http;
using Superposition.Functions.Timers;
using Superposition.Nightly;
using Superposition.Reports;
using Superposition.Storage.Experiments;

namespace Superposition.Functions.Tests.Timers;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class NightlyBudgetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_night_over_the_token_cap_is_recorded_instead_of_sent_and_logged_once()
    {
        var tokens = (await EstimateAsync(Specs.Small(prompts: 3))).Tokens;
        await using var app = FunctionsHarness.Create(azurite, Caps(maxTokens: tokens - 1));
        var original = await app.StartAsync(Specs.Small(prompts: 3), "?nightly=true");
        await app.DrainPlanAsync();
        app.Time.Advance(TimeSpan.FromHours(14)); // 2025-06-02 02:00 UTC

        await FireTwiceAsync(app);

        var run = RunOf(app, original);
        Assert.Equal(0, await app.DrainPlanAsync()); // nothing was sent
        var status = await StatusAsync(app, run);
        Assert.Equal("over-budget", status.State);
        Assert.Equal(original, status.Parent);
        Assert.Equal(NightlyBudgetDecision.OverBudget, status.Budget!.Outcome);
        Assert.Equal(tokens, status.Budget.Tokens);
        Assert.Equal(tokens - 1, status.Budget.MaxTokens);
        Assert.Equal(tokens - 1, status.Budget.RemainingTokens);
        Assert.Equal(["reference-calibrated", "reference-leaky"], status.Budget.UnpricedModels);

        var entry = (await app.Store.ReadHistoryAsync(original, default).ToListAsync()).Single(e => e.RunId == run);
        Assert.True(entry.Skipped);
        Assert.Empty(entry.Headlines);
        Assert.Equal(status.Budget, entry.Budget! with { UnpricedModels = status.Budget.UnpricedModels });
        Assert.Contains("skipped: over budget", ReportWriter.RenderHistory([entry]), StringComparison.Ordinal);
        Assert.Equal(run, (await StatusAsync(app, original)).LatestNight!.RunId);

        var warning = Assert.Single(app.Logs.Events, e => e.EventId.Name == NightlyEvents.OverBudget);
        Assert.Equal((LogLevel.Warning, NightlyEvents.OverBudgetId), (warning.Level, warning.EventId.Id));
        Assert.Equal(run, warning.Values["Run"]);
        Assert.Equal(tokens, warning.Values["EstimatedTokens"]);
        Assert.Equal(tokens - 1, warning.Values["MaxTokens"]);
    }

    [Fact]
    public async Task A_night_within_the_cap_is_started_with_its_decision_stored()
    {
        var tokens = (await EstimateAsync(Specs.Small(prompts: 3))).Tokens;
        await using var app = FunctionsHarness.Create(azurite, Caps(maxTokens: tokens));
        var original = await app.StartAsync(Specs.Small(prompts: 3), "?nightly=true");
        await app.DrainPlanAsync();
        app.Time.Advance(TimeSpan.FromHours(14));

        await FireTwiceAsync(app);

        var run = RunOf(app, original);
        Assert.Equal(1, await app.DrainPlanAsync());
        var status = await StatusAsync(app, run);
        Assert.NotEqual("over-budget", status.State);
        Assert.Equal(NightlyBudgetDecision.Started, status.Budget!.Outcome);
        Assert.Equal(tokens, status.Budget.Tokens);
        Assert.Equal(tokens, status.Budget.RemainingTokens); // the whole cap was left, and the run fits it exactly
        Assert.DoesNotContain(app.Logs.Events, e => e.EventId.Name is NightlyEvents.OverBudget or NightlyEvents.NotPlanned);
    }

    [Fact]
    public async Task When_only_the_first_experiment_fits_it_is_started_and_the_second_recorded_and_a_second_firing_adds_nothing()
    {
        var tokens = (await EstimateAsync(Specs.Small(prompts: 3))).Tokens;
        await using var app = FunctionsHarness.Create(azurite, Caps(maxTokens: (tokens * 3) / 2));
        var originals = new[] { await app.StartAsync(Specs.Small(prompts: 3), "?nightly=true"), await app.StartAsync(Specs.Small(prompts: 3), "?nightly=true") }
            .Order(StringComparer.Ordinal).ToList(); // the budget takes experiments in id order
        await app.DrainPlanAsync();
        app.Time.Advance(TimeSpan.FromHours(14));

        await FireTwiceAsync(app);

        var (first, second) = (RunOf(app, originals[0]), RunOf(app, originals[1]));
        Assert.Equal(1, await app.DrainPlanAsync());
        Assert.Contains(app.MessagesSeen, m => m.Contains(first, StringComparison.Ordinal));
        Assert.DoesNotContain(app.MessagesSeen, m => m.Contains(second, StringComparison.Ordinal));
        Assert.Equal(NightlyBudgetDecision.Started, (await StatusAsync(app, first)).Budget!.Outcome);
        var recorded = await StatusAsync(app, second);
        Assert.Equal("over-budget", recorded.State);
        Assert.Equal(((tokens * 3) / 2) - tokens, recorded.Budget!.RemainingTokens); // what the first left
        Assert.Equal(second, Assert.Single(app.Logs.Events, e => e.EventId.Name == NightlyEvents.OverBudget).Values["Run"]);
    }

    [Fact]
    public async Task The_cost_cap_counts_priced_models_and_models_without_prices_count_zero()
    {
        // A reference model with prices: 1000 per million prompt tokens and 2000 per million completion tokens.
        var priced = new Dictionary<string, string?>
        {
            ["Superposition:Models:priced:Kind"] = "reference",
            ["Superposition:Models:priced:Model"] = "reference-calibrated",
            ["Superposition:Models:priced:PromptPricePerMillionTokens"] = "1000",
            ["Superposition:Models:priced:CompletionPricePerMillionTokens"] = "2000",
        };
        var cost = (await EstimateAsync(Specs.Small(3, "priced"), priced)).Cost;
        Assert.True(cost > 0);
        await using var app = FunctionsHarness.Create(azurite, new Dictionary<string, string?>(priced) { ["Superposition:Nightly:MaxCost"] = (cost / 2).ToString("R", CultureInfo.InvariantCulture) });
        var pricedOriginal = await app.StartAsync(Specs.Small(3, "priced"), "?nightly=true");
        var unpricedOriginal = await app.StartAsync(Specs.Small(3, "reference-calibrated"), "?nightly=true");
        await app.DrainPlanAsync();
        app.Time.Advance(TimeSpan.FromHours(14));

        await app.Function<ReevaluateNightly>().RunAsync(new TimerInfo(), default);

        var over = (await StatusAsync(app, RunOf(app, pricedOriginal))).Budget!;
        Assert.Equal(NightlyBudgetDecision.OverBudget, over.Outcome);
        Assert.Equal(cost, over.Cost);
        var free = (await StatusAsync(app, RunOf(app, unpricedOriginal))).Budget!;
        Assert.Equal(NightlyBudgetDecision.Started, free.Outcome);
        Assert.Equal(0, free.Cost);
        Assert.Equal(["reference-calibrated"], free.UnpricedModels);
    }

    [Fact]
    public async Task A_night_the_planner_cannot_estimate_is_recorded_as_a_failure_to_plan_not_thrown()
    {
        var gone = new Dictionary<string, string?> { ["Superposition:Models:gone:Kind"] = "reference", ["Superposition:Models:gone:Model"] = "reference-calibrated" };
        await using var before = FunctionsHarness.Create(azurite, gone);
        var original = await before.StartAsync(Specs.Small(3, "gone"), "?nightly=true");
        await before.DrainPlanAsync();

        // The app restarted with a cap and without the model.
        await using var app = FunctionsHarness.Create(azurite, Caps(maxTokens: 1_000_000), before.Name);
        app.Time.Advance(TimeSpan.FromHours(14));
        await FireTwiceAsync(app);

        var run = RunOf(app, original);
        Assert.Equal(0, await app.DrainPlanAsync());
        var status = await StatusAsync(app, run);
        Assert.Equal("failed", status.State);
        Assert.Contains("'gone'", status.PlanFailure!.LastError, StringComparison.Ordinal);
        Assert.Equal(NightlyBudgetDecision.NotPlanned, status.Budget!.Outcome);
        Assert.Equal("NightlyBudget: " + status.Budget.Problem, status.PlanFailure.LastError);
        Assert.True((await app.Store.ReadHistoryAsync(original, default).ToListAsync()).Single(e => e.RunId == run).Skipped);
        var warning = Assert.Single(app.Logs.Events, e => e.EventId.Name == NightlyEvents.NotPlanned);
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    [Fact]
    public async Task Without_caps_nothing_is_estimated_and_every_night_is_started()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var original = await app.StartAsync(Specs.Small(prompts: 3), "?nightly=true");
        await app.DrainPlanAsync();
        app.Time.Advance(TimeSpan.FromHours(14));

        await FireTwiceAsync(app);

        var status = await StatusAsync(app, RunOf(app, original));
        Assert.Null(status.Budget);
        Assert.Equal("queued", status.State);
        Assert.Equal(1, await app.DrainPlanAsync());
    }

    private static Dictionary<string, string?> Caps(long maxTokens) =>
        new() { ["Superposition:Nightly:MaxTokens"] = maxTokens.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The planner's estimate of a spec, from an app with <paramref name="settings"/> (no storage touched).</summary>
    private async Task<NightlyEstimate> EstimateAsync(string spec, IDictionary<string, string?>? settings = null)
    {
        await using var app = FunctionsHarness.Create(azurite, settings);
        return app.Services.GetRequiredService<NightlyBudget>().Estimate(Superposition.Specs.SpecLoader.Parse(spec));
    }

    /// <summary>The timer fires twice the same day (a retried or duplicated firing), which must act once.</summary>
    private static async Task FireTwiceAsync(FunctionsHarness app)
    {
        await app.Function<ReevaluateNightly>().RunAsync(new TimerInfo(), default);
        await app.Function<ReevaluateNightly>().RunAsync(new TimerInfo(), default);
    }

    private static string RunOf(FunctionsHarness app, string original) =>
        ExperimentIds.Nightly("small", original, DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime));

    private static async Task<ExperimentStatus> StatusAsync(FunctionsHarness app, string id) =>
        Assert.IsType<ExperimentStatus>(Assert.IsType<OkObjectResult>(await app.Function<GetExperiment>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}"), id, default)).Value);
}
