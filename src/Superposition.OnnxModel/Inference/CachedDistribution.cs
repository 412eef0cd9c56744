using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// The distribution at a position the prefix cache kept without its logits: the log-probability of the token that
/// followed is known (all echo asks for); anything else (top k, support, rank, another token) reruns the position's
/// segment once, with the same past and ids as the run that first computed it, so the logits are the same bits.
/// </summary>
internal sealed class CachedDistribution(int next, double nextLogprob, Lazy<float[]> segmentLogits, int offset, int width) : IPositionDistribution
{
    private SoftmaxDistribution? _full;

    /// <summary>The recomputed softmax (one rerun of the segment, shared by its positions).</summary>
    public SoftmaxDistribution Full => _full ??= new SoftmaxDistribution(segmentLogits.Value.AsMemory(offset * width, width));

    public ReadOnlyMemory<float> Row => Full.Row;

    public ReadOnlySpan<NextToken> Support => Full.Support;

    public double LogProbabilityOf(int token) => token == next ? nextLogprob : Full.LogProbabilityOf(token);

    public double ProbabilityOf(int token) => Math.Exp(LogProbabilityOf(token));

    public int RankOf(int token) => Full.RankOf(token);

    public int Top(Span<NextToken> destination) => Full.Top(destination);
}
