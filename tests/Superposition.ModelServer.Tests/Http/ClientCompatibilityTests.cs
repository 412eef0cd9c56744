using System.Globalization;
using Superposition.ModelServer.Hosting;
using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Http;

/// <summary>vLLM's return_tokens_as_token_ids, Azure OpenAI's deployment routes, and a server that ignores echo.</summary>
public sealed class ClientCompatibilityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Return_tokens_as_token_ids_names_every_legacy_token_and_top_key_by_its_id()
    {
        const string text = "France->法国\nSpain->西班牙\nItaly->意";
        var ids = (await Wire.OkAsync(_client, "tokenize", new { prompt = text }))["tokens"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();

        var json = await Wire.OkAsync(_client, "v1/completions", new { model = "reference-calibrated", prompt = ids, max_tokens = 1, logprobs = 5, temperature = 0, return_tokens_as_token_ids = true });

        var logprobs = json["choices"]![0]!["logprobs"]!;
        var generated = logprobs["tokens"]![0]!.GetValue<string>();
        Assert.StartsWith("token_id:", generated, StringComparison.Ordinal);
        var keys = logprobs["top_logprobs"]![0]!.AsObject().Select(p => p.Key).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Matches("^token_id:[0-9]+$", k));

        // "大利" follows "意" in 意大利: the id key decodes to exactly that token.
        var tokenizer = ReferenceTokenizer.Shared;
        var daLi = tokenizer.Encode("意大利").Skip(1).First();
        Assert.Contains("token_id:" + daLi.ToString(CultureInfo.InvariantCulture), keys);
    }

    [Fact]
    public async Task Return_tokens_as_token_ids_names_chat_tokens_by_id()
    {
        var prompt = Fig6.Prompt();
        var json = await Wire.OkAsync(_client, "v1/chat/completions", new
        {
            model = "reference-calibrated",
            messages = new[] { new { role = "user", content = prompt.Text } },
            max_tokens = 2,
            logprobs = true,
            top_logprobs = 3,
            return_tokens_as_token_ids = true,
        });

        var content = json["choices"]![0]!["logprobs"]!["content"]!.AsArray();
        Assert.All(content, c =>
        {
            Assert.Matches("^token_id:[0-9]+$", c!["token"]!.GetValue<string>());
            Assert.All(c["top_logprobs"]!.AsArray(), t => Assert.Matches("^token_id:[0-9]+$", t!["token"]!.GetValue<string>()));
        });
    }

    [Fact]
    public async Task Azure_deployment_route_answers_chat_with_the_deployment_as_model()
    {
        var prompt = Fig6.Prompt();
        var json = await Wire.OkAsync(_client, "openai/deployments/reference-sharp/chat/completions?api-version=2024-10-21", new
        {
            messages = new[] { new { role = "user", content = prompt.Text } },
            max_tokens = 16,
        });

        Assert.Equal("reference-sharp", json["model"]!.GetValue<string>());
        var answers = prompt.Candidates.Select(c => c.Answer + "\n").ToHashSet();
        Assert.Contains(json["choices"]![0]!["message"]!["content"]!.GetValue<string>(), answers);
    }

    [Fact]
    public async Task A_server_that_ignores_echo_returns_only_generated_tokens()
    {
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { IgnoreEcho = true });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var prompt = Fig6.Prompt();

        var json = await Wire.OkAsync(client, "v1/completions", new { model = "reference-calibrated", prompt = prompt.Text, echo = true, logprobs = 1, max_tokens = 1 });

        var choice = json["choices"]![0]!;
        Assert.Single(choice["logprobs"]!["token_logprobs"]!.AsArray());
        Assert.DoesNotContain("->", choice["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(json["usage"]!["prompt_tokens"]!.GetValue<int>() > 100);
    }
}

public sealed class GenerationOnlyFaultTests
{
    [Fact]
    public async Task Generation_only_faults_answer_tokenize_at_once_and_hold_completions_for_the_latency()
    {
        var time = new RecordingTimeProvider();
        await using var server = await ProtocolServer.StartAsync(new ReferenceModelCatalog(), new ProtocolServerOptions { Faults = new FaultOptions { LatencyMs = 300, GenerationOnly = true }, TimeProvider = time });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        // The clock never moves here: a tokenize that waited for the latency would never answer.
        await Poll.FinishAsync(Wire.OkAsync(client, "tokenize", new { prompt = "France->Paris\nItaly->" }), "tokenize without any latency");
        Assert.Empty(time.Waits);
        Assert.Equal(0, server.Stats.Snapshot().Faults.Delayed);

        var completion = Wire.OkAsync(client, "v1/completions", new { model = "reference-calibrated", prompt = "France->Paris\nItaly->", max_tokens = 1 });
        await Poll.UntilAsync(() => time.Waits.Count == 1, "the completion to start the injected latency");
        Assert.Equal(TimeSpan.FromMilliseconds(300), time.Waits[0]);
        Assert.False(completion.IsCompleted, "the completion answered before its latency passed");
        time.Advance(TimeSpan.FromMilliseconds(300));
        await Poll.FinishAsync(completion, "the completion once its latency passed");
        Assert.Equal(1, server.Stats.Snapshot().Faults.Delayed);
    }
}
