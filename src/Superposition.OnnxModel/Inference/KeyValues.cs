namespace Superposition.OnnxModel.Inference;

/// <summary>
/// One sequence's key/value cache: per layer, the keys and the values of its first <see cref="Length"/> positions,
/// stored position-major ([position, heads, head size]) so that the cache of a prefix is a slice of the same
/// arrays (no copy). Immutable: a run that extends it returns new arrays, so states and cached prefixes share it.
/// </summary>
internal sealed class KeyValues
{
    private readonly ReadOnlyMemory<float>[] _keys;
    private readonly ReadOnlyMemory<float>[] _values;

    /// <param name="keys">Per layer, at least <paramref name="length"/> × <paramref name="stride"/> floats.</param>
    /// <param name="values">Per layer, as the keys.</param>
    /// <param name="length">Positions held.</param>
    /// <param name="stride">Floats per position of one layer: heads × head size.</param>
    public KeyValues(ReadOnlyMemory<float>[] keys, ReadOnlyMemory<float>[] values, int length, int stride)
    {
        _keys = keys;
        _values = values;
        Length = length;
        Stride = stride;
    }

    public int Length { get; }

    public int Stride { get; }

    public int Layers => _keys.Length;

    /// <summary>Bytes of the floats this cache reads.</summary>
    public long Bytes => 2L * Layers * Length * Stride * sizeof(float);

    /// <summary>An empty cache of a graph (the past of a first step).</summary>
    public static KeyValues Empty(DecoderGraph graph)
    {
        var none = Enumerable.Repeat(ReadOnlyMemory<float>.Empty, graph.Layers).ToArray();
        return new KeyValues(none, none, 0, graph.Heads * graph.HeadSize);
    }

    /// <summary>The cache of the first <paramref name="length"/> positions (a view of the same arrays).</summary>
    public KeyValues Take(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length);
        var slice = length * Stride;
        return length == Length ? this : new KeyValues([.. _keys.Select(k => k[..slice])], [.. _values.Select(v => v[..slice])], length, Stride);
    }

    /// <summary>A layer's keys (or values) as [position, heads, head size].</summary>
    public ReadOnlySpan<float> Of(int layer, bool value) => (value ? _values : _keys)[layer].Span[..(Length * Stride)];
}
