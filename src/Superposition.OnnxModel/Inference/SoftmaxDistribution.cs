using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// softmax(logits) of one position, in double precision from the float logits the session returned. Reads its row in
/// the batch's logits buffer (shared by every position of the batch: no copy per position) and computes nothing it
/// is not asked for: the log-normaliser on the first probability read (one logsumexp pass), the top k by a k-sized
/// selection, the support and the full ranking only when read, since most scored positions are read for one
/// token's probability (echo) or a few top tokens. Thread-safe (lazy parts may be built twice, identically).
/// </summary>
internal sealed class SoftmaxDistribution : IPositionDistribution
{
    // Beyond this k a full sort is cheaper than a heap (and is kept for the next call).
    private const int HeapLimit = 64;

    private readonly ReadOnlyMemory<float> _row;

    // NaN until computed (a row holding NaN recomputes it, harmlessly).
    private double _logNormaliser = double.NaN;
    private NextToken[]? _support;
    private int[]? _ranking;

    /// <param name="row">The position's logits; the distribution keeps it (it must not change afterwards).</param>
    public SoftmaxDistribution(ReadOnlyMemory<float> row) => _row = row;

    /// <summary>The logits row.</summary>
    public ReadOnlyMemory<float> Row => _row;

    /// <summary>The vocabulary of the logits row (the softmax's width).</summary>
    public int Width => _row.Length;

    /// <summary>ln Σ exp(logits), computed once on first need.</summary>
    public double LogNormaliser
    {
        get
        {
            var n = Volatile.Read(ref _logNormaliser);
            if (double.IsNaN(n))
            {
                n = LogSumExp.Of(_row.Span);
                Volatile.Write(ref _logNormaliser, n);
            }

            return n;
        }
    }

    /// <summary>Listed by token id, every token of nonzero probability (a softmax is dense).</summary>
    public ReadOnlySpan<NextToken> Support => _support ??= BuildSupport();

    /// <summary>ln p of a token, exact from the logits (−∞ outside the row).</summary>
    public double LogProbabilityOf(int token) =>
        token >= 0 && token < _row.Length ? _row.Span[token] - LogNormaliser : double.NegativeInfinity;

    public double ProbabilityOf(int token) => Math.Exp(LogProbabilityOf(token));

    public int RankOf(int token)
    {
        var p = ProbabilityOf(token);
        if (p <= 0)
        {
            return Support.Length + 1;
        }

        // No sort: count the tokens ranked before it (higher logit, or equal logit and lower id).
        var logits = _row.Span;
        var l = logits[token];
        var before = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            if (logits[i] > l || (logits[i] == l && i < token))
            {
                before++;
            }
        }

        return before + 1;
    }

    public int Top(Span<NextToken> destination)
    {
        if (destination.Length == 0 || _row.Length == 0)
        {
            return 0;
        }

        if (_ranking is null && destination.Length <= HeapLimit)
        {
            return TopSelection.Write(_row.Span, LogNormaliser, destination);
        }

        var ranking = _ranking ??= BuildRanking();
        var count = Math.Min(destination.Length, ranking.Length);
        for (var i = 0; i < count; i++)
        {
            destination[i] = new NextToken(ranking[i], ProbabilityOf(ranking[i]));
        }

        return count;
    }

    private NextToken[] BuildSupport()
    {
        var logits = _row.Span;
        var normaliser = LogNormaliser;
        var support = GC.AllocateUninitializedArray<NextToken>(logits.Length);
        var count = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var p = Math.Exp(logits[i] - normaliser);
            if (p > 0)
            {
                support[count++] = new NextToken(i, p);
            }
        }

        return count == support.Length ? support : support[..count];
    }

    private int[] BuildRanking()
    {
        var support = Support;
        var ranking = new int[support.Length];
        for (var i = 0; i < ranking.Length; i++)
        {
            ranking[i] = support[i].Token;
        }

        // Most likely first, ties by lower id (a stable order for equal logits).
        var logits = _row.ToArray();
        Array.Sort(ranking, (a, b) => logits[a] != logits[b] ? logits[b].CompareTo(logits[a]) : a.CompareTo(b));
        return ranking;
    }
}
