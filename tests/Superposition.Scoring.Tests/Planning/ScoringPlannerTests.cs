using Superposition.Scoring.Planning;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Planning;

public sealed class ScoringPlannerTests
{
    [Theory]
    [InlineData("echo")]
    [InlineData("paper-forward")]
    public async Task Planned_requests_and_prompt_tokens_equal_what_scoring_then_spends(string strategy)
    {
        await using var host = await ScorerHost.StartAsync();
        var spec = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", "fig6-countries.json"));

        var row = host.Get<ScoringPlanner>().Plan(spec, ["reference-calibrated"], [strategy], limitPerDistribution: 2).Single();
        long requests = 0, promptTokens = 0;
        foreach (var prompt in ScoringPlanner.Prompts(spec, 2))
        {
            var score = await host.Scorer.ScoreAsync("reference-calibrated", prompt, spec.Scoring with { Strategy = strategy });
            requests += score.Cost.Requests;
            promptTokens += score.Cost.PromptTokens;
        }

        Assert.True(row.Exact);
        Assert.Equal(6, row.Prompts);
        Assert.Equal(requests, row.Requests);
        Assert.Equal(promptTokens, row.PromptTokens);
    }

    [Fact]
    public async Task Prices_give_a_cost_and_unavailable_strategies_say_why()
    {
        await using var host = await ScorerHost.StartAsync(models: new Dictionary<string, IDictionary<string, string?>>
        {
            ["azure-priced"] = new Dictionary<string, string?> { ["Kind"] = "azure-openai", ["PromptPricePerMillionTokens"] = "2.5", ["CompletionPricePerMillionTokens"] = "10" },
        });
        var spec = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", "fig6-numbers.json"));

        var rows = host.Get<ScoringPlanner>().Plan(spec, ["azure-priced"], limitPerDistribution: 1);

        var chat = rows.Single(r => r.Strategy == "chat");
        Assert.True(chat.IsAuto);
        Assert.Equal(((chat.PromptTokens * 2.5) + (chat.CompletionTokens * 10)) / 1e6, chat.Cost!.Value, 12);
        Assert.Contains("not available", rows.Single(r => r.Strategy == "echo").Note, StringComparison.Ordinal);
    }
}
