using Superposition.LanguageModels;

namespace Superposition.ModelServer.Sampling;

/// <summary>
/// The k most likely tokens at a position, as served: most likely first (ties: lower id first), each with its
/// log-probability (of the tempered distribution when a temperature is given); a position without a distribution
/// (the reference models' free text) lists only its own token. Shared by the protocol server's logprob shapes and
/// the in-process backend, so that both list the same alternatives.
/// </summary>
public static class TopAlternatives
{
    // Top lists longer than this (a server configured with a large max_logprobs) are read into an array, not the stack.
    private const int StackTop = 64;

    /// <summary>
    /// At most how many alternatives a position lists for top-<paramref name="k"/>: k where there is a distribution (fewer
    /// when its support is smaller, which <see cref="Fill"/> reports without the support being built), 1 for free text.
    /// </summary>
    public static int Capacity(INextTokenDistribution? distribution, double? logprob, int k) =>
        k <= 0 ? 0
        : distribution is not null ? k
        : logprob is not null ? 1 : 0;

    /// <summary>
    /// Writes the alternatives of a position (see the type's summary) into <paramref name="top"/>, sized by
    /// <see cref="Capacity"/>, and returns how many were written. Only a top-k selection is asked of the distribution:
    /// a dense one (a neural softmax) never builds or sorts its whole support for it.
    /// </summary>
    public static int Fill(int token, double? logprob, INextTokenDistribution? distribution, double? temperature, Span<(int Token, double Logprob)> top)
    {
        if (distribution is not { } node)
        {
            if (top.Length > 0)
            {
                top[0] = (token, logprob!.Value);
                return 1;
            }

            return 0;
        }

        Span<NextToken> best = top.Length <= StackTop ? stackalloc NextToken[top.Length] : new NextToken[top.Length];
        var written = node.Top(best);
        TokenSampler.Tempering? tempering = temperature is { } t ? TokenSampler.Temper(node.Support, t) : null;
        for (var i = 0; i < written; i++)
        {
            var prob = tempering is { } tempered ? tempered.Of(best[i].Token, best[i].Probability) : best[i].Probability;
            top[i] = (best[i].Token, Logprobs.Of(prob));
        }

        return written;
    }

    /// <summary>The alternatives of a position as an array.</summary>
    public static (int Token, double Logprob)[] Of(int token, double? logprob, INextTokenDistribution? distribution, double? temperature, int k)
    {
        var top = new (int Token, double Logprob)[Capacity(distribution, logprob, k)];
        var written = Fill(token, logprob, distribution, temperature, top);
        return written == top.Length ? top : top[..written];
    }
}
