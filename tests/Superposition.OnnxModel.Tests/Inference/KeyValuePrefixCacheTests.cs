using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>The cross-request prefix cache of gpt2-tiny-kv: what it reuses, what it evicts, and that results stay exact.</summary>
public sealed class KeyValuePrefixCacheTests
{
    [Fact]
    public void A_trie_walk_reuses_for_each_node_the_longest_prefix_an_earlier_node_ran()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        using var direct = new DirectSession(Fixtures.Cached);
        var context = model.Tokenizer.Encode("France -> Paris\nJapan -> Tokyo\nSpain ->");
        int[][] nodes =
        [
            context,
            [.. context, 32],
            [.. context, 32, 311],
            [.. context, 282], // a sibling: shares the context with the held deeper node
            [.. context, 32, 311, 10],
        ];
        // The sibling is cut inside the held node: an entry keeps the full logits of its last position only, so the
        // context's last token runs again to give the distribution its first own token is scored against.
        int[] expectedReuse = [0, context.Length, context.Length + 1, context.Length - 1, context.Length + 2];

        for (var i = 0; i < nodes.Length; i++)
        {
            var before = model.Stats;
            var scored = model.Score([nodes[i]])[0];
            var after = model.Stats;

            Exactness.AssertScoredAsDirect(direct, nodes[i], scored);
            Assert.Equal(expectedReuse[i], after.ReusedTokens - before.ReusedTokens);
            Assert.Equal(nodes[i].Length - expectedReuse[i], after.ComputedTokens - before.ComputedTokens);
        }
    }

    [Fact]
    public void A_repeated_request_is_answered_from_the_cache_without_a_forward_pass()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        using var direct = new DirectSession(Fixtures.Cached);
        var ids = model.Tokenizer.Encode("Peru -> Lima\n7 -> 49");
        model.Score([ids]);
        var before = model.Stats;

        var again = model.Score([ids])[0];

        Assert.Equal(before.ForwardPasses, model.Stats.ForwardPasses);
        Assert.Equal(ids.Length, model.Stats.ReusedTokens - before.ReusedTokens);
        Exactness.AssertScoredAsDirect(direct, ids, again);
        Assert.True(again.Continue.TryAdvance(12, out var next));
        Exactness.AssertDistribution(direct.Softmax([.. ids, 12])[^1], next.Distribution);
    }

    [Fact]
    public void Under_a_budget_of_one_sequence_older_prefixes_are_evicted_and_results_stay_exact()
    {
        int[] a;
        int[] b;
        long budget;
        using (var measuring = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached)))
        {
            a = measuring.Tokenizer.Encode("France -> Paris\nItaly -> Rome");
            b = measuring.Tokenizer.Encode("3 -> 9\n4 -> 16\n5 -> 25");
            measuring.Score([a]);
            measuring.Score([b]);
            Assert.Equal(2, measuring.Prefixes.Count);
            budget = measuring.Prefixes.Bytes * 2 / 3; // room for the larger one, not for both
        }

        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached), new OnnxModelOptions(PrefixCacheBytes: budget));
        using var direct = new DirectSession(Fixtures.Cached);
        foreach (var ids in new[] { a, b, a, [.. a, 10] })
        {
            Exactness.AssertScoredAsDirect(direct, ids, model.Score([ids])[0]);
            Assert.True(model.Prefixes.Bytes <= budget, $"{model.Prefixes.Bytes} bytes held for a budget of {budget}");
            Assert.Equal(1, model.Prefixes.Count);
        }

        // a was evicted by b before it came back; only the last request found its prefix (the second a).
        Assert.Equal(a.Length, model.Stats.ReusedTokens);
    }

    [Fact]
    public void A_budget_of_zero_reuses_nothing()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached), new OnnxModelOptions(PrefixCacheBytes: 0));
        var ids = model.Tokenizer.Encode("Peru -> Lima\n7 -> 49");

        model.Score([ids]);
        model.Score([[.. ids, 10]]);

        Assert.Equal(0, model.Stats.ReusedTokens);
        Assert.Equal(0, model.Prefixes.Count);
        Assert.Equal((2 * ids.Length) + 1, model.Stats.ComputedTokens);
    }

    [Fact]
    public void A_negative_budget_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached), new OnnxModelOptions(PrefixCacheBytes: -2)));

        Assert.Contains("PrefixCacheBytes is -2", error.Message, StringComparison.Ordinal);
    }
}
