namespace Superposition.OnnxModel.Inference;

/// <summary>
/// A token sequence a model has run: its ids, its key/value cache, and the logits of every position
/// ([position, vocabulary]). What the prefix cache keeps, and what a batch's shared prefix run returns, so that
/// later tokens run with this past and the prefix's own scores come from these logits. Immutable.
/// </summary>
internal sealed class ScoredPrefix(ReadOnlyMemory<int> tokens, KeyValues keyValues, ReadOnlyMemory<float> logits, int width)
{
    public ReadOnlyMemory<int> Tokens { get; } = tokens;

    public KeyValues KeyValues { get; } = keyValues;

    /// <summary>[position, vocabulary]: the logits after each token.</summary>
    public ReadOnlyMemory<float> Logits { get; } = logits;

    public int Width { get; } = width;

    public int Length => Tokens.Length;

    /// <summary>What keeping it costs: ids, keys and values, logits.</summary>
    public long Bytes => (Tokens.Length * (long)sizeof(int)) + KeyValues.Bytes + (Logits.Length * (long)sizeof(float));

    /// <summary>Nothing run yet: the empty past of a first step.</summary>
    public static ScoredPrefix Empty(DecoderGraph graph, int width) => new(ReadOnlyMemory<int>.Empty, KeyValues.Empty(graph), ReadOnlyMemory<float>.Empty, width);

    /// <summary>The logits after position <paramref name="position"/>.</summary>
    public ReadOnlyMemory<float> LogitsAt(int position) => Logits.Slice(position * Width, Width);

    /// <summary>The first <paramref name="length"/> positions (views of the same arrays).</summary>
    public ScoredPrefix Take(int length) =>
        length == Length ? this : new ScoredPrefix(Tokens[..length], KeyValues.Take(length), Logits[..(length * Width)], Width);

    /// <summary>How many leading ids this prefix shares with <paramref name="ids"/>, up to <paramref name="limit"/>.</summary>
    public int CommonLength(IReadOnlyList<int> ids, int limit)
    {
        var tokens = Tokens.Span;
        var n = Math.Min(Math.Min(tokens.Length, ids.Count), limit);
        var k = 0;
        while (k < n && tokens[k] == ids[k])
        {
            k++;
        }

        return k;
    }
}
