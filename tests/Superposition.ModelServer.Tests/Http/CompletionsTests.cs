using System.Text.Json.Nodes;
using Superposition.ReferenceModel.Model;

namespace Superposition.ModelServer.Tests.Http;

public sealed class CompletionsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Theory]
    [InlineData("reference-calibrated")]
    [InlineData("reference-sharp")]
    [InlineData("reference-leaky")]
    public async Task Echo_scoring_of_six_candidates_in_one_request_recovers_each_designed_probability(string model)
    {
        var prompt = Fig6.Prompt();
        Assert.True(ReferenceModelParameters.TryResolve(model, out var parameters, out _));
        var designed = Fig6.Designed(prompt, parameters);
        var context = await Wire.CountTokensAsync(_client, prompt.Text);

        var json = await Wire.OkAsync(_client, "v1/completions", new
        {
            model,
            prompt = prompt.Candidates.Select(c => prompt.Text + c.Answer + "\n").ToArray(),
            echo = true,
            logprobs = 1,
            max_tokens = 0,
        });

        var choices = json["choices"]!.AsArray();
        Assert.Equal(designed.Length, choices.Count);
        for (var i = 0; i < designed.Length; i++)
        {
            var choice = choices.Single(c => c!["index"]!.GetValue<int>() == i)!;
            var logprobs = Wire.Doubles(choice["logprobs"]!["token_logprobs"]);
            var tokens = choice["logprobs"]!["tokens"]!.AsArray();
            Assert.Equal(await Wire.CountTokensAsync(_client, prompt.Text + prompt.Candidates[i].Answer + "\n"), tokens.Count);
            Assert.Null(choice["logprobs"]!["token_logprobs"]![0]);
            Assert.Null(choice["logprobs"]!["top_logprobs"]![0]);
            Assert.Equal(prompt.Text + prompt.Candidates[i].Answer + "\n", choice["text"]!.GetValue<string>());
            Assert.Equal(designed[i], Math.Exp(logprobs.Skip(context).Sum()), 1e-9);
        }
    }

    [Fact]
    public async Task Token_id_prompts_are_scored_exactly_like_their_text()
    {
        var prompt = Fig6.Prompt("D3");
        var text = prompt.Text + prompt.Candidates[1].Answer + "\n";
        var ids = (await Wire.OkAsync(_client, "tokenize", new { prompt = text }))["tokens"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();

        var byText = await Wire.OkAsync(_client, "v1/completions", new { model = "reference-sharp", prompt = text, echo = true, logprobs = 0, max_tokens = 0 });
        var byIds = await Wire.OkAsync(_client, "v1/completions", new { model = "reference-sharp", prompt = new[] { ids }, echo = true, logprobs = 0, max_tokens = 0 });
        var flat = await Wire.OkAsync(_client, "v1/completions", new { model = "reference-sharp", prompt = ids, echo = true, logprobs = 0, max_tokens = 0 });

        var expected = byText["choices"]![0]!["logprobs"]!["token_logprobs"]!.ToJsonString();
        Assert.Equal(expected, byIds["choices"]![0]!["logprobs"]!["token_logprobs"]!.ToJsonString());
        Assert.Equal(expected, flat["choices"]![0]!["logprobs"]!["token_logprobs"]!.ToJsonString());
        Assert.Equal(text, byIds["choices"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Choices_are_indexed_prompt_times_n_plus_j_and_a_seed_repeats_the_samples()
    {
        var prompt = Fig6.Prompt("D1");
        var body = new { model = "reference-calibrated", prompt = new[] { prompt.Text, prompt.Text }, n = 3, seed = 42, max_tokens = 8 };
        var first = await Wire.OkAsync(_client, "v1/completions", body);
        var second = await Wire.OkAsync(_client, "v1/completions", body);

        var indices = first["choices"]!.AsArray().Select(c => c!["index"]!.GetValue<int>()).Order().ToArray();
        Assert.Equal([0, 1, 2, 3, 4, 5], indices);
        Assert.Equal(Texts(first), Texts(second));
        var answers = prompt.Candidates.Select(c => c.Answer + "\n").ToHashSet();
        Assert.All(Texts(first), t => Assert.Contains(t, answers));
        Assert.Equal(first["usage"]!["completion_tokens"]!.GetValue<int>(), first["usage"]!["total_tokens"]!.GetValue<int>() - first["usage"]!["prompt_tokens"]!.GetValue<int>());

        static string[] Texts(JsonNode json) => [.. json["choices"]!.AsArray().OrderBy(c => c!["index"]!.GetValue<int>()).Select(c => c!["text"]!.GetValue<string>())];
    }

    [Fact]
    public async Task Top_logprobs_list_the_k_most_likely_tokens_and_the_actual_one()
    {
        var prompt = Fig6.Prompt("D2");
        var json = await Wire.OkAsync(_client, "v1/completions", new { model = "reference-calibrated", prompt = prompt.Text, logprobs = 3, max_tokens = 1, temperature = 0 });
        var logprobs = json["choices"]![0]!["logprobs"]!;
        var top = logprobs["top_logprobs"]![0]!.AsObject().Select(kv => kv.Value!.GetValue<double>()).ToArray();
        var actual = logprobs["token_logprobs"]![0]!.GetValue<double>();

        Assert.InRange(top.Length, 3, 4);
        Assert.Equal(top.Max(), actual, 12); // temperature 0 takes the most likely token
        Assert.Contains(logprobs["tokens"]![0]!.GetValue<string>(), logprobs["top_logprobs"]![0]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(0, logprobs["text_offset"]![0]!.GetValue<int>());
    }

    [Fact]
    public async Task Stop_string_cuts_the_text_and_is_reported_as_stop_reason()
    {
        var prompt = Fig6.Prompt("D2");
        var json = await Wire.OkAsync(_client, "v1/completions", new { model = "reference-calibrated", prompt = prompt.Text, stop = new[] { "\n" }, max_tokens = 10, seed = 1 });
        var choice = json["choices"]![0]!;

        Assert.DoesNotContain("\n", choice["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(choice["text"]!.GetValue<string>(), prompt.Candidates.Select(c => c.Answer));
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal("\n", choice["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Max_tokens_reached_before_the_answer_ends_finishes_with_length()
    {
        var prompt = Fig6.Prompt("D1");
        var json = await Wire.OkAsync(_client, "v1/completions", new { model = "reference-calibrated", prompt = prompt.Text, max_tokens = 1, seed = 3 });
        Assert.Equal("length", json["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(1, json["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cached_tokens_grow_when_the_same_prefix_is_resent()
    {
        var prompt = Fig6.Prompt("D3", index: 7);
        var body = new { model = "reference-calibrated", prompt = prompt.Text, max_tokens = 1 };
        var first = await Wire.OkAsync(_client, "v1/completions", body);
        var second = await Wire.OkAsync(_client, "v1/completions", body);

        var tokens = second["usage"]!["prompt_tokens"]!.GetValue<int>();
        Assert.Equal(0, first["usage"]!["prompt_tokens_details"]!["cached_tokens"]!.GetValue<int>());
        var cached = second["usage"]!["prompt_tokens_details"]!["cached_tokens"]!.GetValue<int>();
        Assert.InRange(cached, tokens - 16, tokens - 1);
        Assert.Equal(0, cached % 16);
    }

    [Fact]
    public async Task Echo_scoring_does_not_read_the_prefix_cache_as_vllm()
    {
        var prompt = Fig6.Prompt("D3", index: 8);
        var body = new { model = "reference-calibrated", prompt = new[] { prompt.Text + "x\n", prompt.Text + "y\n" }, echo = true, logprobs = 1, max_tokens = 0 };
        var json = await Wire.OkAsync(_client, "v1/completions", body);
        Assert.Equal(0, json["usage"]!["prompt_tokens_details"]!["cached_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Prompt_logprobs_follow_vllm_shape_with_rank_and_decoded_token()
    {
        var prompt = Fig6.Prompt("D2");
        var text = prompt.Text + prompt.Candidates[2].Answer + "\n";
        var json = await Wire.OkAsync(_client, "v1/completions", new { model = "reference-calibrated", prompt = text, prompt_logprobs = 2, max_tokens = 1 });
        var list = json["choices"]![0]!["prompt_logprobs"]!.AsArray();
        var context = await Wire.CountTokensAsync(_client, prompt.Text);

        Assert.Null(list[0]);
        var product = 1.0;
        var ids = (await Wire.OkAsync(_client, "tokenize", new { prompt = text }))["tokens"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        for (var t = context; t < list.Count; t++)
        {
            var entry = list[t]![ids[t].ToString(System.Globalization.CultureInfo.InvariantCulture)]!;
            product *= Math.Exp(entry["logprob"]!.GetValue<double>());
            Assert.True(entry["rank"]!.GetValue<int>() >= 1);
            Assert.NotNull(entry["decoded_token"]);
        }

        Assert.Equal(Fig6.Designed(prompt, ReferenceModelParameters.Calibrated)[2], product, 1e-9);
    }
}
