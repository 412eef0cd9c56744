using System.Text.Json.Nodes;
using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Http;

public sealed class ProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Models_lists_every_preset_as_openai_model_objects()
    {
        var json = JsonNode.Parse(await _client.GetStringAsync("v1/models"))!;
        Assert.Equal("list", json["object"]!.GetValue<string>());
        var ids = json["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToArray();
        Assert.Equal(ReferenceModelParameters.Presets.Select(p => p.Name), ids);
        Assert.All(json["data"]!.AsArray(), m => Assert.Equal("model", m!["object"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Tokenize_counts_and_returns_the_models_own_tokens()
    {
        var json = await Wire.OkAsync(_client, "tokenize", new { model = "reference-calibrated", prompt = "Iceland->Icelandic\n", return_token_strs = true });
        var expected = ReferenceTokenizer.Shared.Encode("Iceland->Icelandic\n");
        Assert.Equal(expected, json["tokens"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(expected.Length, json["count"]!.GetValue<int>());
        Assert.Equal(["I", "celand", "->", "I", "celand", "ic", "\n"], json["token_strs"]!.AsArray().Select(n => n!.GetValue<string>()));
        var back = await Wire.OkAsync(_client, "detokenize", new { tokens = expected });
        Assert.Equal("Iceland->Icelandic\n", back["prompt"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    [InlineData("{\"model\": \"reference-calibrated\"}")]
    [InlineData("{\"prompt\": \"France->\"}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": 12}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": \"\"}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": []}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": [\"a\", 3]}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": [1, 99999999]}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": [1, -5]}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": \"x\", \"max_tokens\": 0}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": \"x\", \"max_tokens\": -1, \"echo\": true}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": \"x\", \"max_tokens\": \"ten\"}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": \"x\", \"logprobs\": 21}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": \"x\", \"temperature\": 5}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": \"x\", \"n\": 0}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": \"x\", \"stream\": true}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"prompt\": \"x\", \"stop\": 3}")]
    [InlineData("{\"model\": \"reference:beta=oops\", \"prompt\": \"x\"}")]
    public async Task Malformed_completion_request_is_a_400_with_an_openai_error_body(string body)
    {
        var (status, json, _) = await Wire.PostAsync(_client, "v1/completions", body);
        Assert.Equal(400, status);
        Wire.AssertOpenAiError(json);
    }

    [Theory]
    [InlineData("{\"model\": \"reference-calibrated\", \"messages\": []}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"messages\": [{\"role\": \"wizard\", \"content\": \"x\"}]}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"messages\": [{\"role\": \"user\", \"content\": 5}]}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"top_logprobs\": 3}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"logprobs\": true, \"top_logprobs\": 30}")]
    [InlineData("{\"model\": \"reference-calibrated\", \"messages\": \"hi\"}")]
    public async Task Malformed_chat_request_is_a_400_with_an_openai_error_body(string body)
    {
        var (status, json, _) = await Wire.PostAsync(_client, "v1/chat/completions", body);
        Assert.Equal(400, status);
        Wire.AssertOpenAiError(json);
    }

    [Fact]
    public async Task Unknown_model_is_a_404_model_not_found_as_openai()
    {
        var (status, json, _) = await Wire.PostAsync(_client, "v1/completions", new { model = "gpt-4o", prompt = "France->" });
        Assert.Equal(404, status);
        Wire.AssertOpenAiError(json, "model_not_found");
    }

    [Fact]
    public async Task Prompt_longer_than_the_context_is_a_400_naming_the_limit()
    {
        var (status, json, _) = await Wire.PostAsync(_client, "v1/completions", new { model = "reference-calibrated", prompt = Enumerable.Repeat(1, 40_000).ToArray() });
        Assert.Equal(400, status);
        Assert.Contains("maximum context length", json!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unparseable_prompt_gets_the_stated_fallback_not_an_error()
    {
        var json = await Wire.OkAsync(_client, "v1/completions", new { model = "reference-calibrated", prompt = "Tell me a story", max_tokens = 5, seed = 9 });
        Assert.Contains(json["choices"]![0]!["text"]!.GetValue<string>(), AnswerDistribution.OtherContinuations.Select(o => o + "\n"));
    }

    [Fact]
    public async Task Unknown_route_is_a_404_with_an_error_body()
    {
        var (status, json, _) = await Wire.PostAsync(_client, "v1/embeddings", new { model = "reference-calibrated" });
        Assert.Equal(404, status);
        Wire.AssertOpenAiError(json);
    }
}
