using Superposition.LanguageModels;
using Superposition.ModelServer.Tests.Http;

namespace Superposition.ModelServer.Tests.Hosting;

/// <summary>The protocol server over a language model written here, not a reference model: the interface is all it needs.</summary>
public sealed class AnyModelTests(AnyModelFixture fixture) : IClassFixture<AnyModelFixture>
{
    private const string Model = ByteBigramModel.ModelName;

    [Fact]
    public async Task Echo_logprobs_of_a_non_reference_model_are_its_own_bigram_probabilities_with_top_lists_most_likely_first()
    {
        var json = await Wire.OkAsync(fixture.Client, "v1/completions", new { model = Model, prompt = "abcb", echo = true, logprobs = 1, max_tokens = 0 });

        var logprobs = json["choices"]![0]!["logprobs"]!;
        Assert.Equal(["a", "b", "c", "b"], logprobs["tokens"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal([double.NaN, Math.Log(0.5), Math.Log(0.5), Logprobs.Zero], Wire.Doubles(logprobs["token_logprobs"]));
        var afterC = logprobs["top_logprobs"]![3]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>());
        // After "c" the support is listed c, d, end by id; the top-1 is "d" (1/2), and the actual "b" (0) is added.
        Assert.Equal(["d", "b"], afterC.Keys);
        Assert.Equal(Math.Log(0.5), afterC["d"], 12);
        Assert.Equal(Logprobs.Zero, afterC["b"]);
        Assert.Equal("abcb", json["choices"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(Model, json["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tokenize_detokenize_and_the_models_list_answer_in_the_models_own_tokens_and_context_length()
    {
        var tokenized = await Wire.OkAsync(fixture.Client, "tokenize", new { model = Model, prompt = "hi" });
        Assert.Equal([104, 105], tokenized["tokens"]!.AsArray().Select(t => t!.GetValue<int>()));
        Assert.Equal(1024, tokenized["max_model_len"]!.GetValue<int>()); // the model's 1024, shorter than the server's 32768

        var detokenized = await Wire.OkAsync(fixture.Client, "detokenize", new { tokens = new[] { 104, 105 } });
        Assert.Equal("hi", detokenized["prompt"]!.GetValue<string>());
        var (status, error, _) = await Wire.PostAsync(fixture.Client, "detokenize", new { tokens = new[] { 300 } });
        Assert.Equal(400, status);
        Assert.Contains("0..256", error!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var models = System.Text.Json.Nodes.JsonNode.Parse(await fixture.Client.GetStringAsync("v1/models"))!["data"]!.AsArray();
        Assert.Equal([Model], models.Select(m => m!["id"]!.GetValue<string>()));
        Assert.Equal(1024, models[0]!["max_model_len"]!.GetValue<int>());

        var (unknown, unknownBody, _) = await Wire.PostAsync(fixture.Client, "v1/completions", new { model = "reference-calibrated", prompt = "a" });
        Assert.Equal(404, unknown);
        Wire.AssertOpenAiError(unknownBody, "model_not_found");
        var (bad, badBody, _) = await Wire.PostAsync(fixture.Client, "v1/completions", new { model = Model + ":beta=2", prompt = "a" });
        Assert.Equal(400, bad);
        Assert.Contains("takes no parameters", badBody!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Greedy_generation_walks_up_the_bytes_and_seeded_sampling_repeats_and_follows_the_bigram()
    {
        var greedy = await Wire.OkAsync(fixture.Client, "v1/completions", new { model = Model, prompt = "a", max_tokens = 3, temperature = 0 });
        Assert.Equal("bcd", greedy["choices"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("length", greedy["choices"]![0]!["finish_reason"]!.GetValue<string>());

        var request = new { model = Model, prompt = "a", max_tokens = 12, temperature = 1, seed = 7, n = 8, logprobs = 0 };
        var first = await Wire.OkAsync(fixture.Client, "v1/completions", request);
        var again = await Wire.OkAsync(fixture.Client, "v1/completions", request);
        var texts = first["choices"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(texts, again["choices"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));
        Assert.True(texts.Distinct().Count() > 1, "eight seeded choices at temperature 1 all came out alike");
        foreach (var choice in first["choices"]!.AsArray())
        {
            var text = "a" + choice!["text"]!.GetValue<string>();
            var served = Wire.Doubles(choice["logprobs"]!["token_logprobs"]);
            for (var i = 1; i < text.Length; i++)
            {
                var up = text[i] == text[i - 1] + 1;
                Assert.True(up || text[i] == text[i - 1], $"'{text[i]}' cannot follow '{text[i - 1]}' in {text}");
                Assert.Equal(Math.Log(up ? ByteBigramModel.Next : ByteBigramModel.Same), served[i - 1], 12);
            }
        }
    }
}
