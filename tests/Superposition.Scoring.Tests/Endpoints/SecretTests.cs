using Superposition.Scoring.Models;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Endpoints;

/// <summary>API keys come from configuration by name and appear in no log, exception or result.</summary>
public sealed class SecretTests
{
    private const string Key = "sk-test-9f8e7d6c5b4a-SECRET";

    [Fact]
    public async Task A_configured_key_never_reaches_logs_exceptions_or_results()
    {
        var models = new Dictionary<string, IDictionary<string, string?>>
        {
            ["keyed"] = new Dictionary<string, string?> { ["Kind"] = "openai-compatible", ["Model"] = "reference-calibrated", ["ApiKeySetting"] = "Secrets:TestKey", ["Tokenizer"] = "o200k_base" },
            ["keyed-missing"] = new Dictionary<string, string?> { ["Kind"] = "openai-compatible", ["Model"] = "no-such-model", ["ApiKeySetting"] = "Secrets:TestKey", ["Tokenizer"] = "o200k_base" },
            ["keyed-vllm"] = new Dictionary<string, string?> { ["Kind"] = "vllm", ["Model"] = "no-such-model", ["ApiKeySetting"] = "Secrets:TestKey" },
        };
        await using var host = await ScorerHost.StartAsync(models: models, extra: new Dictionary<string, string?> { ["Secrets:TestKey"] = Key });
        var texts = new List<string>();

        var ok = await host.Scorer.ScoreAsync("keyed", Designed.Numbers(), new ScoringSpec("chat"));
        texts.Add(System.Text.Json.JsonSerializer.Serialize(ok));
        texts.Add(host.Scorer.Describe("keyed").ToString());
        foreach (var (model, strategy) in new[] { ("keyed-missing", "chat"), ("keyed-missing", "trie"), ("keyed-vllm", "echo"), ("keyed-vllm", "auto") })
        {
            var failure = await Assert.ThrowsAsync<ScoringFailedException>(() => host.Scorer.ScoreAsync(model, Designed.Numbers(), new ScoringSpec(strategy)));
            texts.Add(failure.ToString());
        }

        texts.AddRange(host.Logs.Messages);
        Assert.Contains(host.Logs.Messages, m => m.Contains("keyed-missing", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain(Key, t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("9f8e7d6c5b4a", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_key_setting_names_the_setting_not_a_value()
    {
        var models = new Dictionary<string, IDictionary<string, string?>>
        {
            ["unkeyed"] = new Dictionary<string, string?> { ["Kind"] = "openai", ["ApiKeySetting"] = "OPENAI_API_KEY_FOR_TESTS" },
        };
        await using var host = await ScorerHost.StartAsync(models: models);

        var e = await Assert.ThrowsAsync<ModelConfigurationException>(() => host.Scorer.ScoreAsync("unkeyed", Designed.Numbers(), new ScoringSpec("chat")));
        Assert.Contains("OPENAI_API_KEY_FOR_TESTS", e.Message, StringComparison.Ordinal);
    }
}
