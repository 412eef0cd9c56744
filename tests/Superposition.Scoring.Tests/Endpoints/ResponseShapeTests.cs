using System.Text.Json;
using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Strategies;

namespace Superposition.Scoring.Tests.Endpoints;

/// <summary>Response shapes modelled on the vendors' documented examples, read by the parser the clients use.</summary>
public sealed class ResponseShapeTests
{
    [Fact]
    public void Vllm_echo_choices_are_ordered_by_index_with_null_first_logprob_and_prompt_logprobs()
    {
        var result = WireParser.ParseCompletion(Load("vllm-completions-echo.json"));

        Assert.Equal([0, 1], result.Choices.Select(c => c.Index));
        var echoed = result.Choices[1].Logprobs!;
        Assert.Equal(6, echoed.Count);
        Assert.Null(echoed[0].Logprob);
        Assert.Empty(echoed[0].Top);
        Assert.Equal(-0.5, echoed[2].Logprob);
        Assert.Equal(6, echoed[4].TextOffset);
        Assert.Equal(double.NegativeInfinity, WireParser.Normalize(echoed[3].Logprob!.Value));
        Assert.Equal(-4.25, result.Choices[1].PromptLogprobs![1]![405]);
        Assert.Null(result.Choices[1].PromptLogprobs![0]);
        Assert.Equal(new WireUsage(9, 0, 0), result.Usage);
    }

    [Fact]
    public void Vllm_token_id_names_give_ids_and_cached_tokens()
    {
        var result = WireParser.ParseCompletion(Load("vllm-completions-token-ids.json"));

        var position = result.Choices[0].Logprobs![0];
        Assert.Equal(31640, position.Id);
        Assert.Equal([31640, 8960, 126], position.Top.Select(t => t.Id!.Value));
        Assert.Equal(400, result.Usage.CachedTokens);
    }

    [Fact]
    public void Vllm_chat_prompt_logprobs_are_keyed_by_token_id()
    {
        var result = WireParser.ParseChat(Load("vllm-chat-prompt-logprobs.json"));

        Assert.Equal(4, result.PromptLogprobs!.Count);
        Assert.Null(result.PromptLogprobs[0]);
        Assert.Equal(-7.5, result.PromptLogprobs[1]![9707]);
        Assert.Equal(-0.25, result.PromptLogprobs[3]![49]);
        Assert.Equal("\n", result.Choices[0].Content);
    }

    [Fact]
    public void Openai_legacy_partial_character_keys_cannot_be_matched_and_only_loosen_a_bound()
    {
        var result = WireParser.ParseCompletion(Load("openai-legacy-instruct.json"));
        var top = result.Choices[0].Logprobs![0].Top;
        Assert.Equal(5, top.Count);
        Assert.Contains(top, t => t.Token == "bytes:\\xe6\\x84" && t.Id is null);

        // 意 is split across tokens: its first token has no display string, so the listed "bytes:" entry might be it.
        var trie = new CandidateTrie([[1, 2]], id => new CandidateToken(id, null, id == 1 ? null : "x"));
        trie.Reveal(trie.Root, top, 5);
        var resolution = trie.Resolve(0);

        Assert.Null(resolution.Needed);
        Assert.Equal(Exactness.Bound, resolution.Exactness);
        Assert.Equal(-0.35, resolution.LogProbability, 12);
    }

    [Fact]
    public void Openai_chat_logprobs_have_bytes_and_cached_tokens()
    {
        var result = WireParser.ParseChat(Load("openai-chat-logprobs.json"));

        var position = result.Choices[0].Logprobs![0];
        Assert.Equal("Rome", position.Token);
        Assert.Equal("Rome"u8.ToArray(), position.Bytes);
        Assert.Equal(3, position.Top.Count);
        Assert.Equal([230, 132, 143], position.Top[2].Bytes);
        Assert.Equal(new WireUsage(1024, 1, 896), result.Usage);
        Assert.Null(result.PromptLogprobs);
    }

    [Fact]
    public void Azure_chat_with_content_filter_fields_parses_like_openai()
    {
        var result = WireParser.ParseChat(Load("azure-chat-logprobs.json"));

        Assert.Equal("EUR", result.Choices[0].Content);
        Assert.Equal([-0.6931, -0.9163], result.Choices[0].Logprobs![0].Top.Select(t => t.Logprob));
        Assert.Equal(300, result.Usage.PromptTokens);
    }

    [Fact]
    public void Llamacpp_chat_logprobs_carry_token_ids_that_match_exactly()
    {
        var result = WireParser.ParseChat(Load("llamacpp-chat-logprobs.json"));
        var position = result.Choices[0].Logprobs![0];
        Assert.Equal(60704, position.Id);

        var trie = new CandidateTrie([[19863]], id => new CandidateToken(id, null, null));
        trie.RevealPath(trie.Root, result.Choices[0].Logprobs!, 2);
        var resolution = trie.Resolve(0);
        Assert.Equal(Exactness.Exact, resolution.Exactness);
        Assert.Equal(-1.6094, resolution.LogProbability, 12);
    }

    [Fact]
    public void Ollama_chat_logprobs_match_by_bytes()
    {
        var result = WireParser.ParseChat(Load("ollama-chat-logprobs.json"));

        var trie = new CandidateTrie([[7]], id => new CandidateToken(id, "Tokyo"u8.ToArray(), "Tokyo"));
        trie.RevealPath(trie.Root, result.Choices[0].Logprobs!, 3);
        var resolution = trie.Resolve(0);
        Assert.Equal(Exactness.Exact, resolution.Exactness);
        Assert.Equal(-2.302, resolution.LogProbability, 12);
        Assert.Equal(150, result.Usage.PromptTokens);
    }

    [Fact]
    public void Tokenize_answers_of_vllm_and_llamacpp_give_ids()
    {
        Assert.Equal([128000, 45345, 405, 22], WireParser.ParseTokenize(Load("vllm-tokenize.json")));
        Assert.Equal([9707, 405, 31640], WireParser.ParseTokenize(Load("llamacpp-tokenize-pieces.json")));
    }

    [Fact]
    public void Error_body_message_is_read()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "openai-error-logprobs-refused.json"));
        Assert.Equal("This model does not support the 'logprobs' parameter.", WireParser.ErrorMessage(text));
        Assert.Null(WireParser.ErrorMessage("<html>502 Bad Gateway</html>"));
    }

    [Fact]
    public void Mismatched_legacy_arrays_are_rejected_not_guessed()
    {
        using var doc = JsonDocument.Parse("""{"choices":[{"index":0,"text":"","logprobs":{"tokens":["a","b"],"token_logprobs":[-1.0],"top_logprobs":[null,null]}}]}""");
        Assert.Throws<WireFormatException>(() => WireParser.ParseCompletion(doc.RootElement));
    }

    private static JsonElement Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
