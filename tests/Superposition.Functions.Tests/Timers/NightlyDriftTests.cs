using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Superposition.Engine.Nightly;
using Superposition.Engine.Status;
using Superposition.Functions.Http;
using Superposition.Functions.Timers;
using Superposition.Nightly;
using Superposition.Reports;
using Superposition.Storage.Experiments;

namespace Superposition.Functions.Tests.Timers;

/// <summary>
/// Nights of a nightly experiment scored in process by a configured reference model ("drifter"), whose β a second
/// app (sharing the first one's storage, as a restarted app with changed settings) changes.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class NightlyDriftTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Dictionary<string, string?> Drifter(double beta) => new()
    {
        ["Superposition:Models:drifter:Kind"] = "reference",
        ["Superposition:Models:drifter:Model"] = FormattableString.Invariant($"reference:beta={beta}"),
    };

    [Fact]
    public async Task A_night_whose_model_changed_beta_is_flagged_in_status_history_page_and_one_warning_event()
    {
        await using var app = FunctionsHarness.Create(azurite, Drifter(1));
        var original = await app.StartAsync(Specs.Small(prompts: 12, "drifter"), "?nightly=true");
        await RunAsync(app);
        app.Time.Advance(TimeSpan.FromHours(14)); // 2025-06-02 02:00 UTC
        var night1 = await NightAsync(app, original);

        // Night 2: the app restarted with the model's β changed from 1 to 3.
        await using var changed = FunctionsHarness.Create(azurite, Drifter(3), app.Name);
        changed.Time.SetUtcNow(app.Time.GetUtcNow().AddDays(1));
        var night2 = await NightAsync(changed, original);
        await changed.Function<AggregateResults>().RunAsync(new TimerInfo(), default); // nothing new: no second event

        // Night 1 (same β) is compared with the first run only and not flagged; night 2 with both and flagged.
        var history = await app.Store.ReadHistoryAsync(original, default).ToListAsync();
        Assert.Equal([original, night1, night2], history.Select(h => h.RunId));
        Assert.Null(history[0].Drift);
        Assert.Empty(history[1].Drift!.Flags);
        var flags = history[2].Drift!.Flags;
        Assert.Contains(flags, f => f is { Measure: "klRaw", Baseline: DriftBaseline.Previous } && f.BaselineRun == night1);
        Assert.Contains(flags, f => f is { Measure: "klRaw", Baseline: DriftBaseline.First } && f.BaselineRun == original);
        Assert.All(flags, f => Assert.True(f.Paired)); // same spec and seed: the same prompts
        Assert.All(flags, f => Assert.Equal(12, f.Prompts + f.Excluded));
        Assert.DoesNotContain(flags, f => f.Measure == "validMass"); // ε = 0 at either β: all mass stays on the answers

        // Status JSON of the run: the whole test; of the original: its latest night's flags.
        var status = await StatusAsync(changed, night2);
        Assert.Equal(history[2].Drift!.Flags, status.Drift!.Flags);
        Assert.Equal(history[2].Drift!.Comparisons, status.Drift.Comparisons);
        Assert.Equal(0.01, status.Drift.Alpha);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(status, new JsonSerializerOptions(JsonSerializerDefaults.Web))).RootElement;
        var flag = json.GetProperty("drift").GetProperty("flags")[0];
        Assert.Equal("drifter", flag.GetProperty("model").GetString());
        Assert.True(flag.GetProperty("low").GetDouble() > 0 || flag.GetProperty("high").GetDouble() < 0);
        Assert.Equal(night2, (await StatusAsync(changed, original)).LatestNight!.RunId);
        Assert.Equal(flags, (await StatusAsync(changed, original)).LatestNight!.Drift!.Flags);

        // The history page marks the flagged cells and lists the flags.
        var page = new HtmlParser().ParseDocument(ReportWriter.RenderHistory(history));
        var marked = page.QuerySelectorAll("#history td.drift");
        Assert.NotEmpty(marked);
        Assert.All(marked, td => Assert.Equal(night2, td.ParentElement!.GetAttribute("data-run")));
        Assert.Equal(flags.Count, page.QuerySelectorAll("#drift li").Length);

        // Exactly one Warning event with the stable id, across both apps' logs; its fields name the run.
        var events = app.Logs.Events.Concat(changed.Logs.Events).Where(e => e.EventId.Name == NightlyEvents.DriftDetected).ToList();
        var warning = Assert.Single(events);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(NightlyEvents.DriftDetectedId, warning.EventId.Id);
        Assert.Equal(night2, warning.Values["Run"]);
        Assert.Equal(original, warning.Values["Experiment"]);
        Assert.Equal(flags.Count, warning.Values["FlagCount"]);
    }

    [Fact]
    public async Task Two_nights_of_the_same_model_at_a_fixed_seed_are_tested_and_not_flagged()
    {
        // The reference model's P is exact and the prompts are the spec's, so every night repeats the first run's
        // values: the noise case (runs that differ only by sampling) is the domain tests' (DriftTestTests).
        await using var app = FunctionsHarness.Create(azurite, Drifter(2));
        var original = await app.StartAsync(Specs.Small(prompts: 12, "drifter"), "?nightly=true");
        await RunAsync(app);
        app.Time.Advance(TimeSpan.FromHours(14));
        var night1 = await NightAsync(app, original);
        app.Time.Advance(TimeSpan.FromDays(1));
        var night2 = await NightAsync(app, original);

        var history = await app.Store.ReadHistoryAsync(original, default).ToListAsync();
        Assert.Equal([original, night1, night2], history.Select(h => h.RunId));
        var report = (await StatusAsync(app, night2)).Drift!;
        Assert.Equal(2 * 2 * 3, report.Comparisons); // previous and first × D1, D2 × three measures
        Assert.All(report.Tests, t => Assert.True(t.Paired));
        Assert.Empty(report.Flags);
        Assert.Empty(history[2].Drift!.Flags);
        Assert.DoesNotContain(app.Logs.Events, e => e.EventId.Name == NightlyEvents.DriftDetected);
        Assert.Contains("No drift flagged in 2 tested runs", ReportWriter.RenderHistory(history), StringComparison.Ordinal);
    }

    /// <summary>Plans, scores and aggregates everything queued.</summary>
    private static async Task RunAsync(FunctionsHarness app)
    {
        await app.DrainPlanAsync();
        await app.DrainWorkAsync();
        await app.Function<AggregateResults>().RunAsync(new TimerInfo(), default);
    }

    /// <summary>Fires the nightly timer and runs the night; returns its run id.</summary>
    private static async Task<string> NightAsync(FunctionsHarness app, string original)
    {
        await app.Function<ReevaluateNightly>().RunAsync(new TimerInfo(), default);
        var run = ExperimentIds.Nightly("small", original, DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime));
        Assert.Equal(original, (await app.Store.GetRecordAsync(run, default))!.Parent);
        await RunAsync(app);
        return run;
    }

    private static async Task<ExperimentStatus> StatusAsync(FunctionsHarness app, string id) =>
        Assert.IsType<ExperimentStatus>(Assert.IsType<OkObjectResult>(await app.Function<GetExperiment>().RunAsync(FunctionsHarness.Request("GET", $"/api/experiments/{id}"), id, default)).Value);
}
