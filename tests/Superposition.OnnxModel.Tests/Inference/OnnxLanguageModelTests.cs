using Superposition.LanguageModels;
using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Inference;

public sealed class OnnxLanguageModelTests
{
    private const double Relative = 1e-5;

    // Different lengths, so that a batch of them is padded.
    private static readonly string[] Texts =
    [
        "France -> Paris\nJapan -> Tokyo\nItaly ->",
        "3 -> 9",
        "The capital of Peru is Lima. The square of seven is",
        "x",
    ];

    // Both GPT-2 layouts, and the Llama architecture in the cache layout.
    public static TheoryData<string> Layouts => [Fixtures.Plain, Fixtures.Cached, Fixtures.Llama];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_padded_batch_scores_every_token_as_the_session_does_on_each_whole_sequence(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        using var direct = new DirectSession(fixture);
        var sequences = Texts.Select(t => (IReadOnlyList<int>)model.Tokenizer.Encode(t)).ToList();
        Assert.True(sequences.Select(s => s.Count).Distinct().Count() == sequences.Count, "the batch must need padding");

        var scored = model.Score(sequences);

        for (var b = 0; b < sequences.Count; b++)
        {
            var expected = direct.Softmax(sequences[b]);
            var tokens = scored[b].Tokens;
            Assert.Equal(sequences[b], tokens.Select(t => t.Token));
            Assert.Null(tokens[0].Logprob);
            for (var t = 1; t < tokens.Count; t++)
            {
                var p = expected[t - 1][sequences[b][t]];
                AssertClose(p, Math.Exp(tokens[t].Logprob!.Value));
                AssertClose(p, tokens[t].Distribution!.ProbabilityOf(sequences[b][t]));
                // The whole row too: a distribution of another position (or of a padding slot) would differ here.
                var someOther = (sequences[b][t] + 7) % model.Width;
                AssertClose(expected[t - 1][someOther], tokens[t].Distribution!.ProbabilityOf(someOther));
            }

            var last = expected[^1];
            var next = scored[b].Continue.Distribution;
            Assert.Equal(model.Width, next.Support.Length);
            Assert.Equal(1.0, next.Support.ToArray().Sum(n => n.Probability), 9);
            foreach (var n in next.Support)
            {
                AssertClose(last[n.Token], n.Probability);
            }
        }
    }

    [Fact]
    public void Stats_count_one_forward_pass_per_padded_batch_and_every_padded_slot_as_computed()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Plain));
        var sequences = Texts.Select(t => (IReadOnlyList<int>)model.Tokenizer.Encode(t)).ToList();

        model.Score(sequences);

        var stats = model.Stats;
        Assert.Equal(1, stats.ForwardPasses);
        Assert.Equal(sequences.Count * sequences.Max(s => s.Count), stats.ComputedTokens);
        Assert.Equal(sequences.Count, stats.ScoredSequences);
        Assert.Equal(0, stats.ReusedTokens);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_recorder_copies_every_forward_pass_the_stats_count_and_a_bare_session_replays_them(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture), new OnnxModelOptions(PrefixCacheBytes: 0));
        var context = model.Tokenizer.Encode(Texts[0]);
        var batch = new[] { " Rome", " R", " Roman" }.Select(a => (IReadOnlyList<int>)[.. context, .. model.Tokenizer.Encode(a)]).ToList();
        var passes = new List<RecordedForwardPass>();
        model.Recorder = passes.Add;

        model.Score(batch);

        Assert.Equal(model.Stats.ForwardPasses, passes.Count);
        Assert.Equal(model.Stats.ComputedTokens, passes.Sum(p => p.ComputedTokens));
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(Path.Combine(Fixtures.Folder(fixture), "model.onnx"));
        foreach (var pass in passes)
        {
            var values = pass.Inputs.Select(i => i.ToOrtValue()).ToList();
            using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
            using var outputs = session.Run(runOptions, [.. pass.Inputs.Select(i => i.Name)], values, [.. pass.Outputs]);
            var ids = pass.Inputs.Single(i => i.Name == "input_ids").Shape;
            Assert.Equal([ids[0], ids[1], model.Width], outputs[0].GetTensorTypeAndShape().Shape);
            values.ForEach(v => v.Dispose());
        }
    }

    [Fact]
    public void Both_layouts_of_the_same_weights_give_the_same_probabilities_padded_on_the_right_and_on_the_left()
    {
        using var plain = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Plain));
        using var cached = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        Assert.False(plain.Graph.HasPositionIds);
        Assert.True(cached.Graph.HasPositionIds);
        Assert.True(cached.Graph.HasCache);
        var sequences = Texts.Select(t => (IReadOnlyList<int>)plain.Tokenizer.Encode(t)).ToList();

        var right = plain.Score(sequences);
        var left = cached.Score(sequences);

        for (var b = 0; b < sequences.Count; b++)
        {
            for (var t = 1; t < sequences[b].Count; t++)
            {
                AssertClose(Math.Exp(right[b].Tokens[t].Logprob!.Value), Math.Exp(left[b].Tokens[t].Logprob!.Value));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Advancing_a_state_gives_the_distribution_of_the_session_on_the_longer_text(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        using var direct = new DirectSession(fixture);
        var prompt = model.Tokenizer.Encode("3 -> 9\n4 ->");
        var state = model.Score([prompt])[0].Continue;
        var token = state.Distribution.Support[0].Token == model.Tokenizer.EndOfText ? 1 : state.Distribution.Support[0].Token;

        Assert.True(state.TryAdvance(token, out var next));
        Assert.False(next.TryAdvance(model.Tokenizer.EndOfText, out _));

        var expected = direct.Softmax([.. prompt, token])[^1];
        var top = new NextToken[5];
        Assert.Equal(5, next.Distribution.Top(top));
        foreach (var n in top)
        {
            AssertClose(expected[n.Token], n.Probability);
        }

        var best = Array.IndexOf(expected, expected.Max());
        Assert.Equal(best, top[0].Token);
        Assert.Equal(1, next.Distribution.RankOf(best));
        // The state it came from is unchanged.
        AssertClose(direct.Softmax(prompt)[^1][token], state.Distribution.ProbabilityOf(token));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_sequence_at_the_context_limit_is_scored_and_one_token_more_is_refused_with_both_lengths(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        Assert.Equal(Fixtures.ContextLength, model.ContextLength);
        var full = Enumerable.Range(0, Fixtures.ContextLength).Select(i => i % 200).ToArray();

        var scored = model.Score([full, [5, 6]]);
        Assert.Equal(Fixtures.ContextLength, scored[0].Tokens.Count);
        Assert.True(scored[0].Tokens[^1].Logprob < 0);

        var error = Assert.Throws<ArgumentException>(() => model.Score([[1, 2], [.. full, 7]]));
        Assert.Contains("Sequence 1 has 65 tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_id_outside_the_logits_is_refused_with_its_position()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Plain));

        var error = Assert.Throws<ArgumentException>(() => model.Score([[1, 2, model.Width]]));

        Assert.Contains($"token id {model.Width} at position 2", error.Message, StringComparison.Ordinal);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
}
