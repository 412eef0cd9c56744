using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Superposition.Collapse;
using Superposition.LanguageModels;
using Superposition.OnnxModel.Chat;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Tokenization;
using Superposition.Prompts;
using Superposition.Specs;

namespace Superposition.OnnxModel.Tests.Tokenization;

/// <summary>
/// The suite's tokenizer against Hugging Face's tokenizers library (<see cref="HuggingFaceOracle"/>) on every tokenizer
/// fixture (tests/fixtures/tokenizers, made by make_tokenizers.py there): a corpus of the presets' prompts and answers,
/// digits, unicode, runs of spaces and newlines, special-token strings and the fixtures' chat templates' renderings
/// must encode to the same ids, with and without special tokens, and decode to the same text.
/// </summary>
public sealed class HuggingFaceOracleTests
{
    /// <summary>gpt2 loaded from vocab.json + merges.txt only, compared with the oracle on gpt2's tokenizer.json.</summary>
    private const string Gpt2FromMerges = "gpt2-vocab-merges";

    private const int PromptsPerPreset = 3;

    private static readonly JsonSerializerOptions Showing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] ChatFixtures = ["gpt2", "llama3", "qwen2", "mistral", "llama2"];

    private static readonly Lazy<Corpus> Texts = new(BuildCorpus);

    [Theory]
    [InlineData("gpt2")]
    [InlineData(Gpt2FromMerges)]
    [InlineData("llama3")]
    [InlineData("qwen2")]
    [InlineData("mistral")]
    [InlineData("llama2")]
    [InlineData("mistral-always")]
    [InlineData("mistral-unk")]
    [InlineData("nfkc-digits")]
    [InlineData("roberta")]
    public void The_suite_encodes_and_decodes_the_corpus_as_Hugging_Face_tokenizers_does(string fixture)
    {
        var texts = Texts.Value.Texts;
        var oracleFixture = fixture == Gpt2FromMerges ? "gpt2" : fixture;
        var tokenizerJson = Path.Combine(Fixtures.Tokenizer(oracleFixture), "tokenizer.json");
        using var copy = fixture == Gpt2FromMerges ? new TokenizerFolderCopy("gpt2", without: "tokenizer.json") : null;
        using var tokenizer = HuggingFaceTokenizer.Load(copy?.Path ?? Fixtures.Tokenizer(fixture));
        Assert.EndsWith(fixture == Gpt2FromMerges ? "vocab.json" : "tokenizer.json", tokenizer.File, StringComparison.Ordinal);

        var encoded = HuggingFaceOracle.Run(tokenizerJson, texts, []);
        Assert.True(encoded.Error is null, $"the oracle cannot encode with {tokenizerJson}: {encoded.Error}");
        var encodings = encoded.Encodings!;
        Assert.Equal(texts.Count, encodings.Count);

        // Each text's ids as the oracle gives them, with then without special tokens, decoded by both sides.
        var idLists = encodings.SelectMany(e => new IReadOnlyList<int>[] { e.WithSpecialTokens, e.WithoutSpecialTokens }).ToList();
        var decoded = HuggingFaceOracle.Run(tokenizerJson, [], idLists);
        Assert.True(decoded.Error is null, $"the oracle cannot decode with {tokenizerJson}: {decoded.Error}");
        var decodings = decoded.Decodings!;
        Assert.Equal(idLists.Count, decodings.Count);

        var byteLevel = fixture is "gpt2" or Gpt2FromMerges or "llama3" or "qwen2";
        var stripsLeadingSpace = fixture is "mistral" or "llama2" or "mistral-always" or "mistral-unk";
        var mismatches = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            var expected = encodings[i];
            Compare(mismatches, "Encode(text, false)", text, Show(expected.WithoutSpecialTokens), Show(tokenizer.Encode(text, addSpecialTokens: false)));
            Compare(mismatches, "Encode(text, true)", text, Show(expected.WithSpecialTokens), Show(tokenizer.Encode(text, addSpecialTokens: true)));

            foreach (var (ids, decoding, which) in new[] { (expected.WithSpecialTokens, decodings[2 * i], "with"), (expected.WithoutSpecialTokens, decodings[(2 * i) + 1], "without") })
            {
                Compare(mismatches, $"Decode(ids {which} special tokens, skip false)", text, Show(decoding.KeepSpecialTokens), Show(tokenizer.Decode(ids, skipSpecialTokens: false)));
                Compare(mismatches, $"Decode(ids {which} special tokens, skip true)", text, Show(decoding.SkipSpecialTokens), Show(tokenizer.Decode(ids, skipSpecialTokens: true)));
            }

            // The tokens' raw bytes make the decoded text, but for the decoder's strip of the first space.
            var bytes = expected.WithoutSpecialTokens.SelectMany(id => tokenizer.Bytes(id).ToArray()).ToArray();
            var joined = stripsLeadingSpace && bytes.Length > 0 && bytes[0] == (byte)' ' ? bytes[1..] : bytes;
            Compare(mismatches, "concatenated Bytes(id) against the oracle's decoding", text, Show(Encoding.UTF8.GetBytes(decodings[(2 * i) + 1].KeepSpecialTokens)), Show(joined));
            if (byteLevel && text.IsNormalized(NormalizationForm.FormC))
            {
                Compare(mismatches, "concatenated Bytes(id) against the text's UTF-8", text, Show(Encoding.UTF8.GetBytes(text)), Show(bytes));
            }
        }

        Assert.True(
            mismatches.Count == 0,
            $"{fixture}: {mismatches.Count} mismatch(es) with Hugging Face's tokenizers ({encoded.Package} {encoded.Version}, tokenizers crate {encoded.Crate}) over {texts.Count} texts; the first {Math.Min(10, mismatches.Count)}:\n{string.Join("\n", mismatches.Take(10))}");

        // The corpus exercises what tells the tokenizers apart.
        var addsSpecialTokens = fixture is "llama3" or "mistral" or "llama2" or "mistral-always" or "mistral-unk" or "roberta";
        Assert.Equal(addsSpecialTokens, encodings.Any(e => !e.WithSpecialTokens.SequenceEqual(e.WithoutSpecialTokens)));
        Assert.Contains(decodings, d => d.KeepSpecialTokens != d.SkipSpecialTokens);
        Assert.Contains(Enumerable.Range(0, texts.Count), i => decodings[(2 * i) + 1].KeepSpecialTokens != decodings[(2 * i) + 1].SkipSpecialTokens);
        if (fixture is "mistral" or "llama2" or "mistral-always")
        {
            var byteTokens = Enumerable.Range(0, 256).Select(b => tokenizer.IdOf($"<0x{b:X2}>")).ToHashSet();
            Assert.Contains(encodings, e => e.WithoutSpecialTokens.Any(id => byteTokens.Contains(id)));
        }

        if (fixture == "qwen2")
        {
            Assert.Contains(texts.Select((t, i) => (t, i)), p => !p.t.IsNormalized(NormalizationForm.FormC) && decodings[(2 * p.i) + 1].KeepSpecialTokens == p.t.Normalize(NormalizationForm.FormC));
        }

        IReadOnlyList<int> Without(string text) => encodings[IndexOf(texts, text)].WithoutSpecialTokens;
        string Decoded(string text) => decodings[(2 * IndexOf(texts, text)) + 1].KeepSpecialTokens;
        int Id(string token) => tokenizer.IdOf(token) ?? throw new InvalidOperationException($"{fixture} has no token {token}");
        switch (fixture)
        {
            case "mistral-always":
                // prepend_scheme "always": a "▁" before the text after a special token too ("first" gives none there).
                Assert.Equal(new[] { Id("<s>"), Id("▁Paris") }, Without("<s>Paris"));
                break;
            case "mistral-unk":
                // No byte fallback: characters outside the vocabulary are <unk>, a run of them fused into one.
                Assert.Equal(new[] { Id("▁"), Id("<unk>") }, Without("東京"));
                Assert.Equal("<unk> -> Japan", Decoded("東京 -> Japan"));
                break;
            case "nfkc-digits":
                // NFKC ("ﬁ" -> "fi", full-width digits and letters), the tab replaced, then each digit a pre-token.
                Assert.Equal("fine", Decoded("ﬁne"));
                Assert.Equal("123", Decoded("１２３"));
                Assert.Equal("x", Decoded("ｘ"));
                Assert.Equal("a b", Decoded("a\tb"));
                Assert.Equal(new[] { "1", "4", "4" }, Without("144").Select(id => Encoding.UTF8.GetString(tokenizer.Bytes(id).ToArray())));
                break;
            case "roberta":
                // RobertaProcessing's "<s> $A </s>", and ByteLevel's add_prefix_space: a space before the text.
                Assert.All(encodings, e => Assert.Equal([Id("<s>"), .. e.WithoutSpecialTokens, Id("</s>")], e.WithSpecialTokens.ToArray()));
                Assert.Equal(" Paris", Decoded("Paris"));
                Assert.Equal(" The capital of France is Paris.", Decoded("The capital of France is Paris."));
                break;
        }
    }

    [Fact]
    public void The_corpus_is_large_and_covers_presets_chat_templates_digits_unicode_whitespace_and_special_tokens()
    {
        var corpus = Texts.Value;
        var texts = corpus.Texts;

        Assert.True(texts.Count > 200, $"the corpus has {texts.Count} texts");
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
        var presets = Directory.GetFiles(Path.Combine(HuggingFaceOracle.RepositoryRoot, "experiments"), "*.json");
        Assert.NotEmpty(presets);
        Assert.Equal(presets.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal), corpus.Presets.Order(StringComparer.Ordinal));
        Assert.Equal(["llama2", "llama3", "mistral", "qwen2"], corpus.ChatTemplates.Order(StringComparer.Ordinal));
        Assert.Contains(texts, t => t.Contains("<|start_header_id|>", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("<|im_start|>", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("[INST]", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Count(c => c == '\n') > 20);
        Assert.Contains("12 -> 144", texts);
        Assert.Contains(texts, t => t.EnumerateRunes().Any(r => r.Utf8SequenceLength == 4));
        Assert.Contains(texts, t => !t.IsNormalized(NormalizationForm.FormC));
        Assert.Contains(texts, t => t.Contains("\n\n\n", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("\r\n", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith(' ') && t.Trim().Length > 0);
        Assert.Contains(texts, t => t.EndsWith(' ') && t.Trim().Length > 0);
        Assert.Contains("<|endoftext|>", texts);
        Assert.Contains("<s>", texts);
        Assert.Contains("<s>Paris", texts);
        Assert.Contains("144", texts);
        Assert.Contains("ﬁne", texts);
        Assert.Contains("１２３", texts);
        Assert.Contains("ｘ", texts);
        Assert.Contains("a\tb", texts);
    }

    [Fact]
    public void A_WordPiece_tokenizer_is_refused_at_load_though_Hugging_Face_loads_it()
    {
        var folder = Fixtures.Tokenizer("unsupported-wordpiece");
        var file = Path.Combine(folder, "tokenizer.json");

        var refusal = Assert.Throws<ModelFolderException>(() => HuggingFaceTokenizer.Load(folder));

        Assert.Equal(file, refusal.File);
        Assert.Contains("WordPiece", refusal.Message, StringComparison.Ordinal);
        var answer = HuggingFaceOracle.Run(file, ["the capital of france is paris"], [[2, 3]]);
        Assert.True(answer.Error is null, $"the oracle cannot load {file}: {answer.Error}");
        Assert.NotEmpty(answer.Encodings![0].WithoutSpecialTokens);
        Assert.Equal(answer.Encodings[0].WithoutSpecialTokens.Length + 2, answer.Encodings[0].WithSpecialTokens.Length);
    }

    private static int IndexOf(IReadOnlyList<string> texts, string text)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            if (string.Equals(texts[i], text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"the corpus lacks {JsonSerializer.Serialize(text, Showing)}");
    }

    private static void Compare(List<string> mismatches, string check, string text, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            mismatches.Add($"{check} of {Shorten(JsonSerializer.Serialize(text, Showing))}: expected {Shorten(expected)}, actual {Shorten(actual)}");
        }
    }

    private static string Show(IEnumerable<int> ids) => "[" + string.Join(", ", ids) + "]";

    private static string Show(string text) => JsonSerializer.Serialize(text, Showing);

    private static string Show(byte[] bytes) => Convert.ToHexString(bytes);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + $"… ({text.Length} characters)";

    private static Corpus BuildCorpus()
    {
        var texts = new List<string>();
        var presets = new List<string>();
        string? samplePrompt = null;

        // Every preset's first prompts, as the suite generates them (calibration: the spec's prompts over its
        // distributions; collapse: the runs' opening prompts), with each candidate answer alone and after the prompt.
        foreach (var file in Directory.GetFiles(Path.Combine(HuggingFaceOracle.RepositoryRoot, "experiments"), "*.json").Order(StringComparer.Ordinal))
        {
            var spec = SpecLoader.LoadFile(file);
            presets.Add(Path.GetFileNameWithoutExtension(file));
            foreach (var (prompt, answers) in PromptsOf(spec))
            {
                samplePrompt ??= prompt;
                texts.Add(prompt);
                foreach (var answer in answers)
                {
                    texts.AddRange([answer, answer + "\n", " " + answer, prompt + answer, prompt + answer + "\n"]);
                }
            }
        }

        texts.AddRange(Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        texts.AddRange(["12 -> 144", "12->144", "144", "1234567", "3.14159", "-5", "x=-5", "2 + 3 = 5", "100000000000", "1,000", "0.5%", "9 -> 81\n10 -> 100\n"]);
        texts.AddRange(["é", "e\u0301", "caf\u00e9", "cafe\u0301 au lait", "łódź", "Łódź -> Polish", "東京", "東京 -> Japan", "🙂", "a🙂b", "🙂🙂", "👍🏽", "Ünïcödé", "\u00a0", "a\u00a0b", "\t", "a\tb", "\t\tx", "ß", "Ω≈ç√", "\u200b", "日本語のテキスト", "Привет", "مرحبا", "ﬁne", "１２３", "ｘ", "Ｐａｒｉｓ"]);
        texts.AddRange(["", " ", "  ", "   ", "   x", "x   ", "a  b", "a   b", "\n", "\n\n", "a\n\n\nb", " \n \n", "\r\n", "a\r\nb", "\n \n", "  \n  ", "x\n", "\nx", "a \nb", "a\n b"]);
        texts.AddRange([" hello", "hello ", "Paris", " Paris", "  Paris  ", " the cat sat on the mat. ", "It's the best café, and we're sure they'll agree.", "IT'S WE'RE THEY'LL", "The capital of France is Paris."]);
        texts.AddRange(["<|endoftext|>", "3<|endoftext|>", "a<|endoftext|>b", " <|endoftext|> ", "<s>", "</s>", "<unk>", "<s>[INST] hi [/INST]", "<s>Paris", "hi</s>", " <s> ", "<|begin_of_text|>hi", "<|begin_of_text|><|begin_of_text|>", "<|eot_id|>", "<|im_start|>user", "<|im_start|>user\nhi<|im_end|>\n", "<|im_end|>", "<0x0A>", "▁", "▁Paris", "[INST]"]);

        // Every fixture's chat template over a few conversations.
        var chatTemplates = new List<string>();
        var conversations = new (ChatMessage[] Messages, bool AddGenerationPrompt)[]
        {
            ([new("user", "What is the capital of France?")], true),
            ([new("user", "What is the capital of France?")], false),
            ([new("system", "Answer with one word."), new("user", "Japan ->"), new("assistant", "Tokyo"), new("user", "Italy ->")], true),
            ([new("user", "  spaced out \n"), new("assistant", " Paris\n")], false),
            ([new("user", samplePrompt ?? "France -> Paris\nJapan ->")], true),
        };
        foreach (var fixture in ChatFixtures)
        {
            var config = TokenizerConfig.Read(Fixtures.Tokenizer(fixture));
            if (config.ChatTemplate is null)
            {
                continue;
            }

            chatTemplates.Add(fixture);
            var template = new HuggingFaceChatTemplate(config.ChatTemplate, config.BosToken, config.EosToken);
            texts.AddRange(conversations.Select(c => template.Render(c.Messages, c.AddGenerationPrompt)));
        }

        return new Corpus([.. texts.Distinct(StringComparer.Ordinal)], presets, chatTemplates);
    }

    private static IEnumerable<(string Prompt, IReadOnlyList<string> Answers)> PromptsOf(ExperimentSpec spec)
    {
        if (spec.Collapse is { } collapse)
        {
            for (var run = 0; run < Math.Min(PromptsPerPreset, collapse.TotalRuns); run++)
            {
                var multiTurn = new MultiTurnRun(spec.ResolveTasks(), collapse.InitialCountsOf(run, spec.Tasks.Count), collapse.Turns, spec.Seed, run);
                yield return (multiTurn.Prompt, [.. multiTurn.Candidates.Select(c => c.Answer)]);
            }

            yield break;
        }

        var generator = new PromptGenerator(spec.ResolveTasks());
        var distributions = spec.ResolveDistributions();
        for (var i = 0; i < Math.Min(PromptsPerPreset, spec.Prompts); i++)
        {
            var prompt = generator.Generate(distributions[i % distributions.Count], spec.Examples, spec.Seed, i / distributions.Count);
            yield return (prompt.Text, [.. prompt.Candidates.Select(c => c.Answer)]);
        }
    }

    private sealed record Corpus(IReadOnlyList<string> Texts, IReadOnlyList<string> Presets, IReadOnlyList<string> ChatTemplates);
}
