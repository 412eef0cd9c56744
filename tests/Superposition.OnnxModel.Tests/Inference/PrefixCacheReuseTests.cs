using Superposition.LanguageModels;
using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>
/// What the prefix cache keeps (keys and values, next-token logprobs, the last logits) is enough for a second
/// candidate to reuse its prompt, with the same numbers, and its default budget holds a long GPT-2-small prompt.
/// </summary>
public sealed class PrefixCacheReuseTests
{
    [Theory]
    [InlineData(Fixtures.Cached)]
    [InlineData("llama-tiny-kv")]
    public void A_second_candidate_sharing_the_prompt_runs_only_the_prompts_last_token_and_its_own(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture));
        var shape = EchoShape.For(model.Tokenizer);
        var first = model.Score([shape.Sequences[0]])[0];
        var before = model.Stats;

        var second = model.Score([shape.Sequences[2]])[0];
        var after = model.Stats;

        // They share the prompt (and, with some tokenizers, the answers' first token): all but its last token is reused.
        var common = shape.Sequences[0].Zip(shape.Sequences[2]).TakeWhile(p => p.First == p.Second).Count();
        Assert.InRange(common, shape.Context.Length, shape.Context.Length + 1);
        Assert.Equal(common - 1, after.ReusedTokens - before.ReusedTokens);
        Assert.Equal(shape.Sequences[2].Count - (common - 1), after.ComputedTokens - before.ComputedTokens);
        Assert.Equal(1, after.ForwardPasses - before.ForwardPasses);

        // The prompt's logprobs are the first request's, bit for bit.
        for (var t = 1; t < shape.Context.Length; t++)
        {
            Assert.Equal(first.Tokens[t].Logprob, second.Tokens[t].Logprob);
        }
    }

    [Fact]
    public void A_cached_positions_top_k_rank_and_support_rerun_its_segment_and_equal_the_first_requests()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        var shape = EchoShape.For(model.Tokenizer);
        var first = model.Score([shape.Sequences[0]])[0];
        var second = model.Score([shape.Sequences[1]])[0];
        var computed = model.Stats.ComputedTokens;

        for (var t = 1; t < shape.Context.Length; t++)
        {
            var expected = first.Tokens[t].Distribution!;
            var actual = second.Tokens[t].Distribution!;
            Assert.Equal(Top(expected, 5), Top(actual, 5));
            Assert.Equal(expected.Support.ToArray(), actual.Support.ToArray());
            Assert.Equal(expected.RankOf(shape.Context[t]), actual.RankOf(shape.Context[t]));
            Assert.Equal(expected.ProbabilityOf(3), actual.ProbabilityOf(3));
        }

        // One rerun of the first request's one segment, whatever the number of positions read.
        Assert.Equal(shape.Sequences[0].Count, model.Stats.ComputedTokens - computed);
    }

    [Fact]
    public void The_default_budget_holds_a_250_token_prompt_of_a_gpt2_small_shaped_model_many_times_over()
    {
        // GPT-2 small: 12 layers of 12 heads of 64, vocabulary 50,257, context 1,024.
        const int layers = 12, heads = 12, headSize = 64, width = 50_257, context = 1024;
        var budget = OnnxModelOptions.PrefixCacheBytesFor(layers, heads, headSize, width, context);
        var keyValueBytes = 250L * 2 * layers * heads * headSize * sizeof(float);

        var entry = ScoredPrefix.Cost(250, keyValueBytes, width);

        Assert.True(budget >= 10 * entry, $"{budget} bytes hold {budget / entry} entries of {entry}");
        Assert.True(budget < 512L << 20, $"{budget} bytes is more than the memory goal allows");
        Assert.True(new KeyValuePrefixCache(budget).Fits(entry));
    }

    [Fact]
    public void A_model_loaded_with_the_default_sizes_its_cache_from_its_shape()
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        var g = model.Graph;

        Assert.Equal(OnnxModelOptions.PrefixCacheBytesFor(g.Layers, g.Heads, g.HeadSize, model.Width, model.ContextLength), model.Prefixes.BudgetBytes);
    }

    private static int[] Top(INextTokenDistribution distribution, int k)
    {
        var top = new NextToken[k];
        return [.. top[..distribution.Top(top)].Select(n => n.Token)];
    }
}
