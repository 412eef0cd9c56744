using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.LocalModels;
using Superposition.LocalModels.Hosting;
using Superposition.LocalModels.InProcess;
using Superposition.LocalModels.Onnx;
using Superposition.ModelServer.Hosting;
using Superposition.OnnxModel.Inference;
using Superposition.OnnxModel.Tests;
using Superposition.OnnxModel.Tests.Inference;
using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Models;
using Superposition.Scoring.Strategies;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Models;

/// <summary>ONNX models through the provider seam: configured by Kind and Path, scored over loopback HTTP, exact against the session.</summary>
public sealed class OnnxModelProviderTests
{
    private const double Relative = 1e-5;

    // Above the fixtures' vocabularies (GPT-2's 321 tokens, the Llama's 429, the Mistral's 478): with every token in each top-k list the
    // trie walk is exact, not a bound.
    private const int TopK = 500;

    // The separator ends in punctuation and the answers start with letters, so the byte-level BPE splits prompt and
    // answer at their boundary: the oracle's tokens are the prompt's followed by the answer's.
    private static readonly Prompt Capitals = new(
        "test",
        0,
        ["capital", "language", "continent"],
        [1, 1, 1],
        [new Example("capital", "France", "Paris"), new Example("language", "Japan", "Japanese")],
        "Italy",
        " ->",
        [new Candidate("capital", "Rome"), new Candidate("language", "Italian"), new Candidate("continent", "Europe")],
        0);

    public static TheoryData<string, string> LayoutsAndStrategies => new()
    {
        { Fixtures.Plain, StrategyNames.Echo },
        { Fixtures.Cached, StrategyNames.Echo },
        { Fixtures.Plain, StrategyNames.Trie },
        { Fixtures.Cached, StrategyNames.Trie },
        { Fixtures.Plain, StrategyNames.PaperForward },
        { Fixtures.Cached, StrategyNames.PaperForward },
        { Fixtures.Llama, StrategyNames.Echo },
        { Fixtures.Llama, StrategyNames.Trie },
        { Fixtures.Llama, StrategyNames.PaperForward },
    };

    [Theory]
    [MemberData(nameof(LayoutsAndStrategies))]
    public async Task A_configured_onnx_model_scores_each_answer_as_the_product_of_the_sessions_own_softmax(string fixture, string strategy)
    {
        await using var services = Services(new()
        {
            ["Superposition:Models:tiny:Kind"] = "onnx",
            ["Superposition:Models:tiny:Path"] = Fixtures.Folder(fixture),
            ["Superposition:Models:tiny:MaxTopLogprobs"] = $"{TopK}",
        });
        var model = services.GetRequiredService<ModelCatalog>().Resolve("tiny");
        Assert.Equal(OnnxModelProvider.KindName, model.Provider);
        Assert.True(model.InProcess);

        var score = await services.GetRequiredService<IPromptScorer>().ScoreAsync("tiny", Capitals, new ScoringSpec(strategy, Terminator: false));

        using var tokens = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        using var direct = new DirectSession(fixture);
        // The prompt with the tokenizer's special tokens (the Llama's BOS; none for GPT-2), as the server adds them.
        var prompt = tokens.Tokenizer.WithSpecialTokens(tokens.Tokenizer.Encode(Capitals.Text));
        for (var c = 0; c < Capitals.Candidates.Count; c++)
        {
            var answer = tokens.Tokenizer.Encode(Capitals.Candidates[c].Answer);
            var sequence = prompt.Concat(answer).ToArray();
            var rows = direct.Softmax(sequence);
            var expected = 1.0;
            for (var i = 0; i < answer.Length; i++)
            {
                expected *= rows[prompt.Length - 1 + i][answer[i]];
            }

            Assert.Equal(Exactness.Exact, score.Candidates[c].Prefix!.Exactness);
            var actual = Math.Exp(score.Candidates[c].Prefix!.LogProbability);
            Assert.True(Math.Abs(actual - expected) <= Relative * expected, $"{strategy} on {fixture}, '{Capitals.Candidates[c].Answer}': {actual} against the session's {expected}");
        }

        Assert.IsType<InProcessBackend>(services.GetRequiredService<BackendFactory>().Get(services.GetRequiredService<ModelCatalog>().Resolve("tiny")));
    }

    // A prompt ending in "->" with answers that a SentencePiece-style tokenizer splits differently alone: alone each
    // gets the word-start marker '▁' (a token of its own, or merged into the first), after "->" it does not.
    private static readonly Prompt SpainArrow = new(
        "test",
        0,
        ["capital", "initial", "language"],
        [1, 0, 0],
        [new Example("capital", "Italy", "Rome")],
        "Spain",
        "->",
        [new Candidate("capital", "Madrid"), new Candidate("initial", "S"), new Candidate("language", "Spanish")],
        0);

    // The oracle's output (Hugging Face's tokenizers through the Node binding, @anush008/tokenizers 0.6.0, crate
    // 0.22.2) on tests/fixtures/tokenizers/mistral/tokenizer.json, the tokenizer of mistral-tiny-kv. To regenerate:
    // node tests/fixtures/tokenizers/oracle.mjs REQ.json with {"tokenizer": "tests/fixtures/tokenizers/mistral/tokenizer.json",
    // "texts": [prompt, prompt + answer, prompt + answer + "\n", answer]} for each answer, prompt = SpainArrow.Text =
    // "Italy->Rome\nSpain->".
    private static readonly int[] SpainArrowWithSpecials = [1, 346, 318, 354, 13, 356, 318];
    private static readonly int[] SpainArrowWithoutSpecials = [346, 318, 354, 13, 356, 318];

    // Per candidate: the ids (without specials) of prompt + answer, of prompt + answer + "\n", and of the answer alone.
    private static readonly int[][] PromptAndAnswer = [[.. SpainArrowWithoutSpecials, 376], [.. SpainArrowWithoutSpecials, 290], [.. SpainArrowWithoutSpecials, 428]];
    private static readonly int[][] PromptAnswerAndNewline = [[.. SpainArrowWithoutSpecials, 376, 13], [.. SpainArrowWithoutSpecials, 290, 13], [.. SpainArrowWithoutSpecials, 428, 13]];
    private static readonly int[][] AnswerAlone = [[393], [317, 290], [317, 428]];

    public static TheoryData<string> EchoAndTrie => [StrategyNames.Echo, StrategyNames.Trie];

    [Theory]
    [MemberData(nameof(EchoAndTrie))]
    public async Task On_a_sentencepiece_tokenizer_the_answer_and_newline_are_scored_as_the_tokens_the_model_generates_after_the_arrow_not_the_answers_own_word_start_tokens(string strategy)
    {
        Assert.Equal("Italy->Rome\nSpain->", SpainArrow.Text);
        await using var services = Services(new()
        {
            ["Superposition:Models:tiny:Kind"] = "onnx",
            ["Superposition:Models:tiny:Path"] = Fixtures.Folder(Fixtures.Mistral),
            ["Superposition:Models:tiny:MaxTopLogprobs"] = $"{TopK}",
        });

        var score = await services.GetRequiredService<IPromptScorer>().ScoreAsync("tiny", SpainArrow, new ScoringSpec(strategy, Terminator: true));

        using var direct = new DirectSession(Fixtures.Mistral);
        for (var c = 0; c < SpainArrow.Candidates.Count; c++)
        {
            var answer = PromptAndAnswer[c][SpainArrowWithoutSpecials.Length..];
            var newline = PromptAnswerAndNewline[c][PromptAndAnswer[c].Length..];
            Assert.Equal(PromptAndAnswer[c][..SpainArrowWithoutSpecials.Length], SpainArrowWithoutSpecials);
            Assert.Equal(PromptAnswerAndNewline[c][..PromptAndAnswer[c].Length], PromptAndAnswer[c]);

            // Tokenised alone the answer starts with the word marker: scoring its own tokens would score another text.
            Assert.NotEqual(answer, AnswerAlone[c]);

            int[] continuation = [.. answer, .. newline];
            var rows = direct.Softmax([.. SpainArrowWithSpecials, .. continuation]);
            var expected = 1.0;
            for (var i = 0; i < continuation.Length; i++)
            {
                expected *= rows[SpainArrowWithSpecials.Length - 1 + i][continuation[i]];
            }

            Assert.Equal(Exactness.Exact, score.Candidates[c].Terminated!.Exactness);
            var actual = Math.Exp(score.Candidates[c].Terminated!.LogProbability);
            Assert.True(Math.Abs(actual - expected) <= Relative * expected, $"{strategy}, '{SpainArrow.Candidates[c].Answer}': P(answer + \"\\n\") {actual} against the session's {expected} over [{string.Join(", ", continuation)}]");
        }
    }

    [Fact]
    public async Task A_prompt_exactly_at_the_models_64_token_context_scores_and_one_token_more_is_refused_naming_both_lengths()
    {
        await using var services = Services(new()
        {
            ["Superposition:Models:tiny:Kind"] = "onnx",
            ["Superposition:Models:tiny:Path"] = Fixtures.Folder(Fixtures.Plain),
        });
        var scorer = services.GetRequiredService<IPromptScorer>();
        var spec = new ScoringSpec(StrategyNames.Echo, Terminator: false);
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Plain));

        // Each '!' after the question is one token (the fixture's BPE learnt no merge of '!'): pad the longest scored
        // sequence, prompt plus answer, to exactly the context.
        int Longest(Prompt p) => p.Candidates.Max(c => model.Tokenizer.Encode(p.Text).Length + model.Tokenizer.Encode(c.Answer).Length);
        var padding = Fixtures.ContextLength - Longest(Capitals);
        var at = Capitals with { Question = Capitals.Question + new string('!', padding) };
        var over = Capitals with { Question = Capitals.Question + new string('!', padding + 1) };
        Assert.Equal(Fixtures.ContextLength, Longest(at));
        Assert.Equal(Fixtures.ContextLength + 1, Longest(over));

        var score = await scorer.ScoreAsync("tiny", at, spec);
        Assert.All(score.Candidates, c => Assert.True(c.Prefix!.LogProbability < 0));

        var e = await Assert.ThrowsAnyAsync<Exception>(() => scorer.ScoreAsync("tiny", over, spec));
        Assert.Contains("maximum context length is 64 tokens", e.Message, StringComparison.Ordinal);
        Assert.Contains("65 in the messages", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_is_not_a_model_folder_is_a_configuration_error_naming_the_setting_and_the_folder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "superposition-no-such-model-" + Guid.NewGuid().ToString("N"));
        await using var services = Services(new() { ["Superposition:Models:tiny:Kind"] = "onnx", ["Superposition:Models:tiny:Path"] = missing });
        var catalog = services.GetRequiredService<ModelCatalog>();
        var model = catalog.Resolve("tiny");

        var e = Assert.Throws<ModelConfigurationException>(() => catalog.ProviderOf(model)!.Encode(model, "Italy ->", addSpecialTokens: false));

        Assert.Contains("Superposition:Models:tiny:Path", e.Message, StringComparison.Ordinal);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_onnx_model_without_a_path_is_a_configuration_error_saying_what_path_must_name()
    {
        await using var services = Services(new() { ["Superposition:Models:tiny:Kind"] = "onnx" });
        var catalog = services.GetRequiredService<ModelCatalog>();
        var model = catalog.Resolve("tiny");

        var e = Assert.Throws<ModelConfigurationException>(() => catalog.ProviderOf(model)!.Encode(model, "Italy ->", addSpecialTokens: false));

        Assert.Contains("Superposition:Models:tiny:Path is not set", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Fixtures.Cached)]
    [InlineData(Fixtures.Llama)]
    [InlineData(Fixtures.Mistral)]
    public async Task The_scorer_tokenises_an_in_process_model_as_its_servers_tokenize_answers_with_and_without_special_tokens(string fixture)
    {
        await using var services = Services(new() { ["Superposition:Models:tiny:Kind"] = "onnx", ["Superposition:Models:tiny:Path"] = Fixtures.Folder(fixture) });
        var catalog = services.GetRequiredService<ModelCatalog>();
        var model = catalog.Resolve("tiny");
        var provider = (LocalModelProvider)catalog.ProviderOf(model)!;
        await using var server = await ProtocolServer.StartAsync(provider.Catalog);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress, "v1/") };

        foreach (var text in new[] { "5->", "Italy->Rome\nSpain->", " Rome\n", "łódź 🙂" })
        {
            foreach (var add in new[] { true, false })
            {
                using var response = await http.PostAsJsonAsync(new Uri(http.BaseAddress!, "../tokenize"), new { model = model.RemoteModel, prompt = text, add_special_tokens = add });
                response.EnsureSuccessStatusCode();
                var served = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()).ToArray();

                Assert.Equal(served, provider.Encode(model, text, add));
            }
        }

        using var direct = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        Assert.Equal(fixture != Fixtures.Cached, provider.Encode(model, "5->", addSpecialTokens: true).Length > direct.Tokenizer.Encode("5->").Length);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSuperpositionScoring(configuration).AddReferenceModels().AddOnnxModels(configuration).BuildServiceProvider();
    }
}
