using Superposition.LanguageModels;
using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>
/// The softmax computes only what it is asked for: the top k by selection in the full sort's order, and the
/// log-normaliser by one vectorised pass, within 1e-12 of the scalar loop it replaced.
/// </summary>
public sealed class SoftmaxDistributionTests
{
    [Fact]
    public void The_top_k_by_selection_lists_the_full_sorts_tokens_in_its_order_with_ties_by_lower_id()
    {
        var random = new Random(20260121);
        foreach (var width in new[] { 1, 7, 321, 50_257 })
        {
            // Few distinct values, so that ties are everywhere; a few rows far below the rest underflow to 0.
            var logits = new float[width];
            for (var i = 0; i < width; i++)
            {
                logits[i] = random.Next(8) - (i % 97 == 5 ? 2000f : 0f);
            }

            var expected = FullSort(logits);
            foreach (var k in new[] { 1, 2, 5, 20, 64 })
            {
                var top = new NextToken[k];
                var count = new SoftmaxDistribution(logits).Top(top);

                Assert.Equal(expected.Take(k).ToArray(), top[..count].Select(n => n.Token).ToArray());
            }
        }
    }

    [Fact]
    public void The_top_k_probabilities_are_those_probability_of_gives_and_underflowed_tokens_are_left_out()
    {
        float[] logits = [0f, -3000f, 1f, 1f, -3000f];
        var distribution = new SoftmaxDistribution(logits);
        var top = new NextToken[5];

        var count = distribution.Top(top);

        Assert.Equal(3, count);
        Assert.Equal(distribution.Support.Length, count);
        Assert.Equal([2, 3, 0], top[..count].Select(n => n.Token));
        Assert.All(top[..count], n => Assert.Equal(distribution.ProbabilityOf(n.Token), n.Probability));
    }

    [Fact]
    public void The_log_normaliser_is_within_1e_12_of_the_scalar_loop_on_random_and_peaked_rows()
    {
        var random = new Random(7);
        foreach (var (width, spread) in new[] { (50_257, 1.0), (50_257, 30.0), (321, 5.0), (5, 1.0), (9, 100.0) })
        {
            var logits = new float[width];
            for (var i = 0; i < width; i++)
            {
                logits[i] = (float)(spread * ((2 * random.NextDouble()) - 1));
            }

            var scalar = LogSumExp.Scalar(logits, logits.Max());

            Assert.InRange(Math.Abs(LogSumExp.Of(logits) - scalar), 0, 1e-12 * Math.Max(1, Math.Abs(scalar)));
        }
    }

    [Theory]
    [InlineData(Fixtures.Cached)]
    [InlineData("gpt2-tiny")]
    [InlineData("llama-tiny-kv")]
    public void Every_echoed_logprob_of_a_fixture_is_within_1e_12_of_the_scalar_log_softmax_of_its_row(string fixture)
    {
        using var model = OnnxLanguageModel.Load(Fixtures.Folder(fixture), new OnnxModelOptions(PrefixCacheBytes: 0));
        var shape = EchoShape.For(model.Tokenizer);

        foreach (var sequence in model.Score(shape.Sequences))
        {
            foreach (var token in sequence.Tokens.Skip(1))
            {
                var row = ((SoftmaxDistribution)token.Distribution!).Row.Span;
                var scalar = row[token.Token] - LogSumExp.Scalar(row, row.ToArray().Max());

                Assert.InRange(Math.Abs(token.Logprob!.Value - scalar), 0, 1e-12);
            }
        }
    }

    private static int[] FullSort(float[] logits)
    {
        var normaliser = LogSumExp.Scalar(logits, logits.Max());
        return [.. Enumerable.Range(0, logits.Length)
            .Where(i => Math.Exp(logits[i] - normaliser) > 0)
            .OrderByDescending(i => logits[i])
            .ThenBy(i => i)];
    }
}
