namespace Superposition.LanguageModels;

/// <summary>
/// A model's distribution of the next token at one position. A sparse model (a reference trie node) lists a few
/// tokens; a dense one (a neural softmax) lists its whole vocabulary. Read as spans so that the server's hot
/// loops (top-k lists of every echoed position, sampling) make no call per token.
/// </summary>
public interface INextTokenDistribution
{
    /// <summary>
    /// The tokens of nonzero probability with their probabilities, in the fixed order sampling walks them (a
    /// sparse model lists them most likely first; a dense one may list its vocabulary by id). Probabilities sum to 1.
    /// </summary>
    ReadOnlySpan<NextToken> Support { get; }

    /// <summary>The probability of <paramref name="token"/> (0 outside the support).</summary>
    double ProbabilityOf(int token);

    /// <summary>1-based rank of the token, most likely first (ties: lower id first); support size + 1 outside it.</summary>
    int RankOf(int token);

    /// <summary>
    /// Writes the most likely tokens into <paramref name="destination"/>, most likely first (ties: lower id first),
    /// and returns how many were written: the destination's length or the support's size, whichever is smaller.
    /// </summary>
    int Top(Span<NextToken> destination);
}
