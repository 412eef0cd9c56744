using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>The oracle's comparisons: a model's probabilities against <see cref="DirectSession"/> on the whole text, to 1e-5 relative.</summary>
internal static class Exactness
{
    public const double Relative = 1e-5;

    public static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2})");

    /// <summary>Every position's token (and one other token of its row), and the whole distribution after the last token.</summary>
    public static void AssertScoredAsDirect(DirectSession direct, IReadOnlyList<int> ids, ScoredSequence scored)
    {
        var expected = direct.Softmax(ids);
        Assert.Equal(ids, scored.Tokens.Select(t => t.Token));
        Assert.Null(scored.Tokens[0].Logprob);
        for (var t = 1; t < ids.Count; t++)
        {
            var row = expected[t - 1];
            AssertClose(row[ids[t]], Math.Exp(scored.Tokens[t].Logprob!.Value));
            var other = (ids[t] + 7) % row.Length;
            AssertClose(row[other], scored.Tokens[t].Distribution!.ProbabilityOf(other));
        }

        AssertDistribution(expected[^1], scored.Continue.Distribution);
    }

    /// <summary>Every token of the vocabulary.</summary>
    public static void AssertDistribution(double[] expected, INextTokenDistribution actual)
    {
        Assert.Equal(expected.Length, actual.Support.Length);
        foreach (var n in actual.Support)
        {
            AssertClose(expected[n.Token], n.Probability);
        }
    }
}
