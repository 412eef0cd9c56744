using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>
/// Scoring with the key/value cache (gpt2-tiny-kv, and llama-tiny-kv's grouped-query cache) and without (gpt2-tiny):
/// every probability equals the direct session's on the whole text, whichever way the tokens were run (shared
/// prefix, prefix cache, one-token steps).
/// </summary>
public sealed class CachedScoringTests
{
    public static TheoryData<string> Layouts => [Fixtures.Plain, Fixtures.Cached, Fixtures.Llama];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void An_echo_batch_sharing_a_long_prefix_scores_every_position_as_the_direct_session(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        using var direct = new DirectSession(fixture);
        var shape = EchoShape.For(model.Tokenizer);
        Assert.True(shape.Candidates.Select(c => c.Length).Distinct().Count() > 1, $"the candidates must need padding: {string.Join(" / ", shape.Candidates.Select(c => string.Join(",", c)))}; context {shape.Context.Length}");

        var scored = model.Score(shape.Sequences);

        for (var b = 0; b < scored.Count; b++)
        {
            Exactness.AssertScoredAsDirect(direct, shape.Sequences[b], scored[b]);
        }
    }

    [Fact]
    public void The_echo_shape_with_a_cache_computes_at_most_1_1_times_the_prompt_plus_its_distinct_candidate_tokens()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        var shape = EchoShape.For(model.Tokenizer);

        model.Score(shape.Sequences);

        var stats = model.Stats;
        var ratio = (double)stats.ComputedTokens / shape.Minimum;
        Assert.True(ratio <= 1.1, $"computed {stats.ComputedTokens} tokens for a minimum of {shape.Minimum} (ratio {ratio:F3})");
        // The shared prefix, then the rows' suffixes, one batch per length.
        Assert.Equal(1 + shape.Candidates.Select(c => c.Length).Distinct().Count(), stats.ForwardPasses);
    }

    [Fact]
    public void The_echo_shape_without_a_cache_recomputes_the_prompt_in_every_row_padded_to_the_longest()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Plain));
        var shape = EchoShape.For(model.Tokenizer);

        model.Score(shape.Sequences);

        // C (P + A_max) of a minimum P + ΣA: what a graph without key/value inputs costs.
        var rows = shape.Candidates.Count;
        Assert.Equal(rows * (shape.Context.Length + shape.Candidates.Max(c => c.Length)), model.Stats.ComputedTokens);
        Assert.Equal(1, model.Stats.ForwardPasses);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Trie_shaped_successive_requests_score_as_the_direct_session_and_the_second_runs_only_its_new_tokens(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        using var direct = new DirectSession(fixture);
        var shape = EchoShape.For(model.Tokenizer);
        int[] node = [.. shape.Context, .. shape.Candidates[0][..1]];
        int[] child = [.. node, .. shape.Candidates[0][1..]];

        Exactness.AssertScoredAsDirect(direct, node, model.Score([node])[0]);
        var before = model.Stats;
        var scored = model.Score([child])[0];
        var after = model.Stats;

        // Read after the counters: the check asks cached positions for other tokens, which reruns their run.
        Exactness.AssertScoredAsDirect(direct, child, scored);

        var cached = model.UsesCache;
        Assert.Equal(cached ? node.Length : 0, after.ReusedTokens - before.ReusedTokens);
        Assert.Equal(cached ? child.Length - node.Length : child.Length, after.ComputedTokens - before.ComputedTokens);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Walking_six_tokens_through_TryAdvance_gives_at_every_step_the_direct_session_distribution_of_the_whole_text(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        using var direct = new DirectSession(fixture);
        var text = model.Tokenizer.Encode("3 -> 9\n4 ->").ToList();
        var state = model.Score([text.ToArray()])[0].Continue;
        Exactness.AssertDistribution(direct.Softmax(text)[^1], state.Distribution);

        for (var step = 0; step < 6; step++)
        {
            var computed = model.Stats.ComputedTokens;
            var token = 3 + (step * 11); // not the end of text
            Assert.True(state.TryAdvance(token, out var next));
            text.Add(token);
            Exactness.AssertDistribution(direct.Softmax(text)[^1], next.Distribution);
            // With a cache a step runs its one token; without one, the whole text.
            Assert.Equal(model.UsesCache ? 1 : text.Count, model.Stats.ComputedTokens - computed);
            state = next;
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Two_branches_from_one_state_do_not_disturb_each_other(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        using var direct = new DirectSession(fixture);
        int[] prompt = model.Tokenizer.Encode("Peru -> Lima\nItaly ->");
        var root = model.Score([prompt])[0].Continue;

        Assert.True(root.TryAdvance(5, out var left));
        Assert.True(root.TryAdvance(40, out var right));
        // The right branch runs first, then both go one step further, interleaved.
        Exactness.AssertDistribution(direct.Softmax([.. prompt, 40])[^1], right.Distribution);
        Assert.True(left.TryAdvance(6, out var leftNext));
        Assert.True(right.TryAdvance(41, out var rightNext));
        Exactness.AssertDistribution(direct.Softmax([.. prompt, 5, 6])[^1], leftNext.Distribution);
        Exactness.AssertDistribution(direct.Softmax([.. prompt, 40, 41])[^1], rightNext.Distribution);
        Exactness.AssertDistribution(direct.Softmax([.. prompt, 5])[^1], left.Distribution);
        Exactness.AssertDistribution(direct.Softmax(prompt)[^1], root.Distribution);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Generation_from_a_row_of_a_batch_continues_that_row_s_own_text(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        using var direct = new DirectSession(fixture);
        var shape = EchoShape.For(model.Tokenizer);
        var scored = model.Score(shape.Sequences);

        foreach (var row in new[] { 5, 1 })
        {
            Assert.True(scored[row].Continue.TryAdvance(9, out var next));
            Exactness.AssertDistribution(direct.Softmax([.. shape.Sequences[row], 9])[^1], next.Distribution);
        }
    }
}
