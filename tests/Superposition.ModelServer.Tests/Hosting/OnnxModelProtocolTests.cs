using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Superposition.ModelServer.Hosting;
using Superposition.ModelServer.Tests.Http;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;
using Superposition.OnnxModel.Tests;

namespace Superposition.ModelServer.Tests.Hosting;

/// <summary>
/// serve-model under the protocol checks the reference server passes that do not depend on the model: every
/// number is checked against the ONNX session run directly (the oracle), not against the server's own code.
/// </summary>
public sealed class OnnxModelProtocolTests(OnnxModelFixture fixture) : IClassFixture<OnnxModelFixture>
{
    private const string Model = OnnxModelFixture.Chat;
    private const string Text = "France -> Paris\nItaly -> Rome";
    private const double Tolerance = 1e-4; // float32 logits: the server's and the oracle's log-softmax agree to ~1e-6

    private HttpClient Client => fixture.Client;

    [Theory]
    [InlineData(OnnxModelFixture.Chat)]
    [InlineData(Fixtures.Llama)]
    public async Task Echo_logprobs_are_the_direct_sessions_softmax_of_each_prompt_token(string name)
    {
        var (model, client, direct) = fixture.Served(name);
        var json = await Wire.OkAsync(client, "v1/completions", new { model = name, prompt = Text, echo = true, logprobs = 1, max_tokens = 0 });

        // A text prompt gets the tokenizer's special tokens (the Llama's BOS; none for GPT-2), as vLLM adds them.
        var text = model.Tokenizer.Encode(Text);
        var ids = model.Tokenizer.WithSpecialTokens(text);
        var rows = direct.Softmax(ids);
        var served = Wire.Doubles(json["choices"]![0]!["logprobs"]!["token_logprobs"]);
        Assert.Equal(ids.Length, served.Length);
        Assert.True(double.IsNaN(served[0]));
        for (var t = 1; t < ids.Length; t++)
        {
            Assert.Equal(Math.Log(rows[t - 1][ids[t]]), served[t], Tolerance);
        }

        Assert.Equal(Text, json["choices"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_id_prompts_are_scored_exactly_like_their_text_and_tokenize_gives_the_models_ids()
    {
        var tokenized = await Wire.OkAsync(Client, "tokenize", new { model = Model, prompt = Text, add_special_tokens = true, return_token_strs = true });
        var ids = tokenized["tokens"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        Assert.Equal(fixture.Model.Tokenizer.Encode(Text), ids);
        Assert.Equal(Text, string.Concat(tokenized["token_strs"]!.AsArray().Select(n => n!.GetValue<string>())));
        Assert.Equal(Fixtures.ContextLength, tokenized["max_model_len"]!.GetValue<int>());
        var without = await Wire.OkAsync(Client, "tokenize", new { model = Model, prompt = Text, add_special_tokens = false });
        Assert.Equal(ids, without["tokens"]!.AsArray().Select(n => n!.GetValue<int>())); // GPT-2 adds no BOS either way

        var byText = await Wire.OkAsync(Client, "v1/completions", new { model = Model, prompt = Text, echo = true, logprobs = 0, max_tokens = 0 });
        var byIds = await Wire.OkAsync(Client, "v1/completions", new { model = Model, prompt = new[] { ids }, echo = true, logprobs = 0, max_tokens = 0 });
        var flat = await Wire.OkAsync(Client, "v1/completions", new { model = Model, prompt = ids, echo = true, logprobs = 0, max_tokens = 0 });
        var expected = byText["choices"]![0]!["logprobs"]!["token_logprobs"]!.ToJsonString();
        Assert.Equal(expected, byIds["choices"]![0]!["logprobs"]!["token_logprobs"]!.ToJsonString());
        Assert.Equal(expected, flat["choices"]![0]!["logprobs"]!["token_logprobs"]!.ToJsonString());
        Assert.Equal(Text, flat["choices"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Choices_are_indexed_prompt_times_n_plus_j_and_a_seed_repeats_the_samples()
    {
        var body = new { model = Model, prompt = new[] { "Italy ->", "Japan ->" }, n = 3, seed = 42, max_tokens = 6, temperature = 1 };
        var first = await Wire.OkAsync(Client, "v1/completions", body);
        var second = await Wire.OkAsync(Client, "v1/completions", body);

        Assert.Equal([0, 1, 2, 3, 4, 5], first["choices"]!.AsArray().Select(c => c!["index"]!.GetValue<int>()).Order());
        Assert.Equal(Texts(first), Texts(second));
        Assert.True(Texts(first).Distinct().Count() > 1, "six seeded samples at temperature 1 all came out alike");

        static string[] Texts(JsonNode json) => [.. json["choices"]!.AsArray().OrderBy(c => c!["index"]!.GetValue<int>()).Select(c => c!["text"]!.GetValue<string>())];
    }

    [Fact]
    public async Task Temperature_zero_is_greedy_each_token_the_argmax_of_the_direct_session_and_max_tokens_finishes_with_length()
    {
        var json = await Wire.OkAsync(Client, "v1/completions", new { model = Model, prompt = "Italy ->", max_tokens = 4, temperature = 0, logprobs = 0, return_tokens_as_token_ids = true });

        var generated = json["choices"]![0]!["logprobs"]!["tokens"]!.AsArray()
            .Select(t => int.Parse(t!.GetValue<string>()["token_id:".Length..], CultureInfo.InvariantCulture)).ToArray();
        var sequence = fixture.Model.Tokenizer.Encode("Italy ->").ToList();
        foreach (var token in generated)
        {
            var row = fixture.Direct.Softmax(sequence)[^1];
            Assert.Equal(Array.IndexOf(row, row.Max()), token);
            sequence.Add(token);
        }

        Assert.Equal(4, generated.Length);
        Assert.Equal("length", json["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(4, json["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_stop_string_cuts_the_greedy_text_before_it_and_is_reported_as_stop_reason()
    {
        var greedy = (await Wire.OkAsync(Client, "v1/completions", new { model = Model, prompt = "Italy ->", max_tokens = 8, temperature = 0 }))["choices"]![0]!["text"]!.GetValue<string>();
        Assert.True(greedy.Length >= 2, $"the greedy text '{greedy}' is too short to hold a stop string");
        var stop = greedy.Substring(1, 1);

        var json = await Wire.OkAsync(Client, "v1/completions", new { model = Model, prompt = "Italy ->", max_tokens = 8, temperature = 0, stop = new[] { stop } });

        var choice = json["choices"]![0]!;
        Assert.Equal(greedy[..greedy.IndexOf(stop, StringComparison.Ordinal)], choice["text"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal(stop, choice["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_renders_the_folders_chatml_template_and_the_first_reply_token_has_the_sessions_distribution()
    {
        // One short message: the ChatML tags are byte-encoded by the fixture's tiny vocabulary, and its context is 64 tokens.
        object[] messages = [new { role = "user", content = "Hi" }];
        const string Rendered = "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n";
        var ids = fixture.Model.Tokenizer.Encode(Rendered);

        var tokenized = await Wire.OkAsync(Client, "tokenize", new { model = Model, messages, add_generation_prompt = true });
        Assert.Equal(ids, tokenized["tokens"]!.AsArray().Select(n => n!.GetValue<int>()));
        var json = await Wire.OkAsync(Client, "v1/chat/completions", new { model = Model, messages, logprobs = true, top_logprobs = 5, max_tokens = 1, temperature = 0 });

        Assert.Equal(ids.Length, json["usage"]!["prompt_tokens"]!.GetValue<int>());
        var row = fixture.Direct.Softmax(ids)[^1];
        var expected = row.Select((p, id) => (p, id)).OrderByDescending(x => x.p).Take(5).ToArray();
        var top = json["choices"]![0]!["logprobs"]!["content"]![0]!["top_logprobs"]!.AsArray();
        Assert.Equal(5, top.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(fixture.Model.Tokenizer.Text(expected[i].id), top[i]!["token"]!.GetValue<string>());
            Assert.Equal(Math.Log(expected[i].p), top[i]!["logprob"]!.GetValue<double>(), Tolerance);
        }
    }

    [Fact]
    public async Task Continue_final_message_ends_the_prompt_right_after_the_assistants_prefill()
    {
        object[] messages = [new { role = "user", content = "Italy ->" }, new { role = "assistant", content = " Ro" }];

        var tokenized = await Wire.OkAsync(Client, "tokenize", new { model = Model, messages, continue_final_message = true, add_generation_prompt = false });

        var text = fixture.Model.Tokenizer.Decode([.. tokenized["tokens"]!.AsArray().Select(n => n!.GetValue<int>())]);
        Assert.Equal("<|im_start|>user\nItaly -><|im_end|>\n<|im_start|>assistant\n Ro", text);
    }

    [Fact]
    public async Task A_folder_without_a_chat_template_refuses_chat_with_a_400_naming_it_while_completions_work()
    {
        var (status, body, _) = await Wire.PostAsync(fixture.NoChatClient, "v1/chat/completions", new { model = OnnxModelFixture.NoChat, messages = new[] { new { role = "user", content = "Hi" } } });

        Assert.Equal(400, status);
        Wire.AssertOpenAiError(body);
        Assert.Contains("no chat template", body!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await Wire.OkAsync(fixture.NoChatClient, "v1/completions", new { model = OnnxModelFixture.NoChat, prompt = "Hi", max_tokens = 1 });
    }

    [Fact]
    public async Task A_prompt_with_a_lone_surrogate_is_a_400_naming_the_surrogate_and_the_server_keeps_serving()
    {
        var model = fixture.Llama.Name;
        foreach (var path in new[] { "tokenize", "v1/completions" })
        {
            // Written by hand: a JSON serializer would not write a lone surrogate escape.
            using var content = new StringContent($$"""{"model": "{{model}}", "prompt": "Italy ->\ud800", "max_tokens": 1}""", System.Text.Encoding.UTF8, "application/json");
            using var response = await fixture.LlamaClient.PostAsync(path, content);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(400, (int)response.StatusCode);
            Assert.Contains("surrogate", body, StringComparison.Ordinal);
        }

        Assert.NotEmpty((await Wire.OkAsync(fixture.LlamaClient, "tokenize", new { model, prompt = "Italy ->" }))["tokens"]!.AsArray());
    }

    [Fact]
    public async Task A_llama_class_folder_with_add_bos_token_puts_the_bos_before_text_prompts_but_not_before_token_ids_or_a_rendered_chat()
    {
        using var copy = new FolderCopy(Fixtures.Plain);
        File.WriteAllText(copy.File(TokenizerConfig.FileName), """{"tokenizer_class": "LlamaTokenizerFast", "add_bos_token": true, "bos_token": "<|endoftext|>", "chat_template": "{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}"}""");
        using var model = OnnxLanguageModel.Load(copy.Path, new OnnxModelOptions("bos"));
        var client = await fixture.ServeAsync(model);
        var bos = model.Tokenizer.EndOfText;
        var ids = model.Tokenizer.Encode("Italy ->");
        int[] withBos = [bos, .. ids];

        Assert.Equal(withBos, await TokensAsync(new { model = "bos", prompt = "Italy ->" }));
        Assert.Equal(ids, await TokensAsync(new { model = "bos", prompt = "Italy ->", add_special_tokens = false }));
        Assert.Equal(withBos, await TokensAsync(new { model = "bos", messages = new[] { new { role = "user", content = "Italy ->" } } }));
        var byText = await Wire.OkAsync(client, "v1/completions", new { model = "bos", prompt = "Italy ->", echo = true, logprobs = 0, max_tokens = 0 });
        var byIds = await Wire.OkAsync(client, "v1/completions", new { model = "bos", prompt = ids, echo = true, logprobs = 0, max_tokens = 0 });
        Assert.Equal(ids.Length + 1, byText["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal("<|endoftext|>", byText["choices"]![0]!["logprobs"]!["tokens"]![0]!.GetValue<string>());
        Assert.Equal(ids.Length, byIds["usage"]!["prompt_tokens"]!.GetValue<int>());

        async Task<int[]> TokensAsync(object body) => [.. (await Wire.OkAsync(client, "tokenize", body))["tokens"]!.AsArray().Select(n => n!.GetValue<int>())];
    }

    [Fact]
    public async Task A_prompt_at_the_64_token_context_is_scored_and_one_token_more_is_a_400_naming_both_lengths()
    {
        var at = Enumerable.Range(1, Fixtures.ContextLength).ToArray();
        var json = await Wire.OkAsync(Client, "v1/completions", new { model = Model, prompt = at, echo = true, logprobs = 0, max_tokens = 0 });
        Assert.Equal(Fixtures.ContextLength, json["choices"]![0]!["logprobs"]!["tokens"]!.AsArray().Count);

        var (status, body, _) = await Wire.PostAsync(Client, "v1/completions", new { model = Model, prompt = at.Append(1).ToArray(), echo = true, logprobs = 0, max_tokens = 0 });

        Assert.Equal(400, status);
        var message = body!["error"]!["message"]!.GetValue<string>();
        Assert.Contains("maximum context length is 64 tokens", message, StringComparison.Ordinal);
        Assert.Contains("65 in the messages", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fault_headers_turn_faults_on_for_one_request_as_on_the_reference_server()
    {
        var body = JsonSerializer.Serialize(new { model = Model, prompt = "Italy ->", max_tokens = 1 });
        using var one = new HttpRequestMessage(HttpMethod.Post, "v1/completions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        one.Headers.Add(FaultOptions.Headers.ErrorRate, "1");
        using var two = new HttpRequestMessage(HttpMethod.Post, "v1/completions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        two.Headers.Add(FaultOptions.Headers.ErrorRate, "0");
        two.Headers.Add(FaultOptions.Headers.RateLimitRate, "1");

        var errored = await Client.SendAsync(one);
        var limited = await Client.SendAsync(two);

        Assert.Contains((int)errored.StatusCode, new[] { 500, 503 });
        Assert.Equal(429, (int)limited.StatusCode);
        Wire.AssertOpenAiError(JsonNode.Parse(await limited.Content.ReadAsStringAsync()), "rate_limit_exceeded");
        await Wire.OkAsync(Client, "v1/completions", new { model = Model, prompt = "Italy ->", max_tokens = 1 });
    }

    [Theory]
    [InlineData("v1/completions", "not json")]
    [InlineData("v1/completions", "{\"model\": \"gpt2-tiny-kv\"}")]
    [InlineData("v1/completions", "{\"model\": \"gpt2-tiny-kv\", \"prompt\": [1, 99999]}")]
    [InlineData("v1/completions", "{\"model\": \"gpt2-tiny-kv\", \"prompt\": \"x\", \"temperature\": 5}")]
    [InlineData("v1/completions", "{\"model\": \"gpt2-tiny-kv\", \"prompt\": \"x\", \"n\": 0}")]
    [InlineData("v1/chat/completions", "{\"model\": \"gpt2-tiny-kv\", \"messages\": []}")]
    [InlineData("v1/chat/completions", "{\"model\": \"gpt2-tiny-kv\", \"messages\": [{\"role\": \"wizard\", \"content\": \"x\"}]}")]
    [InlineData("v1/chat/completions", "{\"model\": \"gpt2-tiny-kv\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"continue_final_message\": true, \"add_generation_prompt\": true}")]
    public async Task Malformed_requests_are_400s_with_an_openai_error_body(string path, string body)
    {
        var (status, json, _) = await Wire.PostAsync(Client, path, body);

        Assert.Equal(400, status);
        Wire.AssertOpenAiError(json);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_model_not_found()
    {
        var (status, json, _) = await Wire.PostAsync(Client, "v1/completions", new { model = "gpt2", prompt = "Italy ->" });

        Assert.Equal(404, status);
        Wire.AssertOpenAiError(json, "model_not_found");
    }
}
