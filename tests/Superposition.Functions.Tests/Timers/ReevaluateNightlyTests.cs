using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Planning;
using Superposition.Functions.Timers;

namespace Superposition.Functions.Tests.Timers;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReevaluateNightlyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Nightly_timer_reruns_marked_experiments_once_a_day_and_their_summaries_build_a_history()
    {
        await using var app = FunctionsHarness.Create(azurite);
        var nightly = await app.StartAsync(Specs.Small(prompts: 2), "?nightly=true");
        var plain = await app.StartAsync(Specs.Small(prompts: 2));
        var spec = (await app.Store.GetSpecAsync(nightly, default))!;
        await app.DrainPlanAsync();

        app.Time.Advance(TimeSpan.FromHours(14)); // 2025-06-02 02:00 UTC
        var timer = app.Function<ReevaluateNightly>();
        await timer.RunAsync(new TimerInfo(), default);
        await timer.RunAsync(new TimerInfo(), default); // a second firing the same day starts nothing

        var runs = new List<string>();
        await foreach (var id in app.Store.ListIdsAsync(default))
        {
            if ((await app.Store.GetRecordAsync(id, default))!.Parent is { } parent)
            {
                Assert.Equal(nightly, parent);
                runs.Add(id);
            }
        }

        var run = Assert.Single(runs);
        Assert.StartsWith("small-20250602-nightly-", run, StringComparison.Ordinal);
        Assert.Equal(1, await app.DrainPlanAsync()); // the run's plan, nothing for the plain experiment
        Assert.Equal(Superposition.Specs.SpecLoader.Serialize(spec), Superposition.Specs.SpecLoader.Serialize((await app.Store.GetSpecAsync(run, default))!));

        // Results for the original and the re-run; aggregation writes both into the original's history.
        foreach (var id in new[] { nightly, run })
        {
            foreach (var item in WorkPlan.Expand(id, spec))
            {
                await app.Store.TryCreateResultAsync(item, SyntheticResults.For(spec, item, mass: id == run ? 0.5 : 1), default);
            }

            await app.Store.MarkChangedAsync(id, app.Time.GetUtcNow(), default);
        }

        await app.Function<AggregateResults>().RunAsync(new TimerInfo(), default);
        var history = await app.Store.ReadHistoryAsync(nightly, default).ToListAsync();
        Assert.Equal([nightly, run], history.Select(h => h.RunId));
        Assert.All(history, h => Assert.True(h.Complete));
        Assert.Equal(0, history[0].Headlines.First(m => m.Model == "reference-leaky").KlRaw!.Mean, 9);
        Assert.Equal(Math.Log(2), history[1].Headlines.First(m => m.Model == "reference-leaky").KlRaw!.Mean, 9);
        Assert.Equal(Math.Log(2), history[1].Headlines.First(m => m.Model == "reference-leaky").PrefixKlRaw!.Mean, 9);
        Assert.Empty(await app.Store.ReadHistoryAsync(plain, default).ToListAsync());
    }
}
