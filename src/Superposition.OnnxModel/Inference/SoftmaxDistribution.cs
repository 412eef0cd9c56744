using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// softmax(logits) of one position, in double precision from the float logits the session returned. Reads its row in
/// the batch's logits buffer (shared by every position of the batch: no copy per position) and builds the support
/// and the ranking only when asked, since most scored positions are read for one token's probability. Thread-safe
/// (lazy parts may be built twice, identically).
/// </summary>
internal sealed class SoftmaxDistribution : INextTokenDistribution
{
    private readonly ReadOnlyMemory<float> _row;
    private readonly double _logNormaliser;
    private NextToken[]? _support;
    private int[]? _ranking;

    /// <param name="row">The position's logits; the distribution keeps it (it must not change afterwards).</param>
    public SoftmaxDistribution(ReadOnlyMemory<float> row)
    {
        _row = row;
        var logits = row.Span;
        double max = float.NegativeInfinity;
        foreach (var l in logits)
        {
            max = Math.Max(max, l);
        }

        var sum = 0.0;
        foreach (var l in logits)
        {
            sum += Math.Exp(l - max);
        }

        _logNormaliser = max + Math.Log(sum);
    }

    /// <summary>The vocabulary of the logits row (the softmax's width).</summary>
    public int Width => _row.Length;

    /// <summary>Listed by token id, every token of nonzero probability (a softmax is dense).</summary>
    public ReadOnlySpan<NextToken> Support => _support ??= BuildSupport();

    /// <summary>ln p of a token, exact from the logits (−∞ outside the row).</summary>
    public double LogProbabilityOf(int token) =>
        token >= 0 && token < _row.Length ? _row.Span[token] - _logNormaliser : double.NegativeInfinity;

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
        var support = new List<NextToken>(_row.Length);
        for (var i = 0; i < _row.Length; i++)
        {
            var p = ProbabilityOf(i);
            if (p > 0)
            {
                support.Add(new NextToken(i, p));
            }
        }

        return [.. support];
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
