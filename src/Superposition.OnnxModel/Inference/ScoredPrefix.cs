namespace Superposition.OnnxModel.Inference;

/// <summary>
/// A token sequence a model has run, as the prefix cache keeps it: its ids, its key/value cache, the log-probability
/// of each next token (what echo and the trie walk read), the logits of its last position only (the next token is
/// not known yet), and the runs that computed it, so that the full distribution of any other position is
/// recomputed, bit for bit, when asked for (<see cref="CachedDistribution"/>). Keeping every position's logits cost
/// 201 KB a token at GPT-2's vocabulary, so that the default budget could not hold one 250-token prompt; this costs
/// the key/value cache plus 12 bytes a token and one row. Immutable.
/// </summary>
/// <param name="Tokens">The ids.</param>
/// <param name="KeyValues">The key/value cache of every position.</param>
/// <param name="NextLogprobs">ln p(Tokens[t + 1] | Tokens[..t]) for each t below Length − 1.</param>
/// <param name="LastLogits">The logits after the last token.</param>
/// <param name="Segments">The runs that computed it, in order, covering every position.</param>
internal sealed record ScoredPrefix(int[] Tokens, KeyValues KeyValues, double[] NextLogprobs, float[] LastLogits, PrefixSegment[] Segments)
{
    public int Length => Tokens.Length;

    /// <summary>What keeping it costs: ids, keys and values, next-token logprobs, the last logits, the segments' ids.</summary>
    public long Bytes => Cost(Length, KeyValues.Bytes, LastLogits.Length);

    /// <summary>What an entry of <paramref name="length"/> tokens costs (each segment repeats its ids: at most once more).</summary>
    public static long Cost(int length, long keyValueBytes, int width) =>
        (2L * length * sizeof(int)) + keyValueBytes + (length * (long)sizeof(double)) + (width * (long)sizeof(float));

    /// <summary>How many leading ids this prefix shares with <paramref name="ids"/>, up to <paramref name="limit"/>.</summary>
    public int CommonLength(IReadOnlyList<int> ids, int limit)
    {
        var n = Math.Min(Math.Min(Tokens.Length, ids.Count), limit);
        var k = 0;
        while (k < n && Tokens[k] == ids[k])
        {
            k++;
        }

        return k;
    }
}

/// <summary>One run of a prefix: <paramref name="Ids"/> after the first <paramref name="Start"/> positions as past.</summary>
internal sealed record PrefixSegment(int Start, int[] Ids)
{
    public int End => Start + Ids.Length;
}
