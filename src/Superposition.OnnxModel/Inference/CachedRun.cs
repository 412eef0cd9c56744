namespace Superposition.OnnxModel.Inference;

/// <summary>
/// What one forward pass with a past returned: the logits of its right-padded batch ([batch, length, vocabulary])
/// and, when asked for, every layer's present keys and values ([batch, heads, past + length, head size]), copied
/// out of ONNX Runtime's buffers so that nothing native outlives the run.
/// </summary>
internal sealed class CachedRun(float[] logits, int length, int width, int pastLength, float[][]? presents, DecoderGraph graph)
{
    /// <summary>Tokens per row (the longest suffix; shorter ones were padded on the right).</summary>
    public int Length { get; } = length;

    /// <summary>The logits after position <paramref name="t"/> of the run's row <paramref name="row"/>.</summary>
    public ReadOnlyMemory<float> LogitsAt(int row, int t) => logits.AsMemory(((row * Length) + t) * width, width);

    /// <summary>The logits of a row's first <paramref name="count"/> positions, [position, vocabulary].</summary>
    public ReadOnlyMemory<float> RowLogits(int row, int count) => logits.AsMemory(row * Length * width, count * width);

    /// <summary>
    /// Row <paramref name="row"/>'s cache after its first <paramref name="count"/> run tokens (the past included),
    /// rearranged position-major.
    /// </summary>
    public KeyValues Row(int row, int count)
    {
        var all = presents ?? throw new InvalidOperationException("This run did not keep its key/value outputs.");
        var (heads, size) = (graph.Heads, graph.HeadSize);
        var total = pastLength + Length;
        var positions = pastLength + count;
        var stride = heads * size;
        var keys = new ReadOnlyMemory<float>[graph.Layers];
        var values = new ReadOnlyMemory<float>[graph.Layers];
        for (var layer = 0; layer < graph.Layers; layer++)
        {
            for (var kind = 0; kind < 2; kind++)
            {
                var source = all[(2 * layer) + kind].AsSpan(row * heads * total * size);
                var target = new float[positions * stride];
                for (var h = 0; h < heads; h++)
                {
                    for (var p = 0; p < positions; p++)
                    {
                        source.Slice(((h * total) + p) * size, size).CopyTo(target.AsSpan((p * stride) + (h * size), size));
                    }
                }

                (kind == 0 ? keys : values)[layer] = target;
            }
        }

        return new KeyValues(keys, values, positions, stride);
    }
}
