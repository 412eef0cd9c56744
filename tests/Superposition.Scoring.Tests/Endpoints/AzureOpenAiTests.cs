using Superposition.Scores;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Endpoints;

/// <summary>The Azure.AI.OpenAI SDK path, end to end against the reference server's Azure deployment routes.</summary>
public sealed class AzureOpenAiTests
{
    [Fact]
    public async Task Azure_deployment_scores_through_the_azure_sdk_with_an_api_key()
    {
        await using var host = await ScorerHost.StartAsync(
            models: new Dictionary<string, IDictionary<string, string?>>
            {
                ["azure-ref"] = new Dictionary<string, string?>
                {
                    ["Kind"] = "azure-openai",
                    ["BaseUrl"] = "{root}",
                    ["Deployment"] = "reference-calibrated",
                    ["ApiKeySetting"] = "Secrets:Azure",
                },
            },
            extra: new Dictionary<string, string?> { ["Secrets:Azure"] = "azure-test-key" });
        var prompt = Designed.Numbers("D1", 4);

        // Azure's routes sit at the root, as on a real resource endpoint.
        Assert.Equal("chat", await host.Scorer.ResolveStrategyAsync("azure-ref"));
        var score = await host.Scorer.ScoreAsync("azure-ref", prompt, new ScoringSpec());

        var designed = Designed.Probabilities(prompt, "reference-calibrated");
        Assert.Equal("chat", score.Strategy);
        Assert.Contains(score.Candidates, c => c.Terminated!.Exactness == Exactness.Exact);
        for (var i = 0; i < designed.Length; i++)
        {
            var c = score.Candidates[i].Terminated!;
            Assert.True(c.Exactness == Exactness.Exact ? Math.Abs(c.Probability - designed[i]) <= 1e-6 : c.Probability >= designed[i] - 1e-9);
        }

        Assert.InRange(score.Cost.Requests, 1, 4);
    }
}
