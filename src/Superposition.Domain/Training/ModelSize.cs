namespace Superposition.Training;

/// <summary>
/// A GPT-2-architecture model size (training/README.md, "Model"): byte-level vocabulary of 257, learned positions.
/// </summary>
/// <param name="Name">The size's folder in a sweep; for a single model, the spec's name.</param>
/// <param name="Layers">Transformer blocks.</param>
/// <param name="Width">The residual stream's width (d_model).</param>
/// <param name="Heads">Attention heads (they divide the width).</param>
/// <param name="Context">Positions: the longest sequence the model can read.</param>
public sealed record ModelSize(string? Name, int Layers, int Width, int Heads, int Context)
{
    /// <summary>Bytes 0..255 and &lt;|endoftext|&gt; (256).</summary>
    public const int VocabularySize = 257;

    /// <summary>Weights without the token and position embeddings (Kaplan et al.'s count).</summary>
    public long NonEmbeddingParameters => (Layers * ((12L * Width * Width) + (13L * Width))) + (2L * Width);

    /// <summary>Every weight: as training/train_gpt.py counts them (the output embedding is tied).</summary>
    public long Parameters => NonEmbeddingParameters + ((long)VocabularySize * Width) + ((long)Context * Width);

    /// <summary>
    /// A rough upper estimate of training memory in bytes (float32), the same formula as the trainer's check:
    /// weights, gradients and AdamW's two moments (4 × parameters), plus the activations kept for the backward pass
    /// (about 16 width-sized vectors and 3 attention maps per layer and position, and the logits twice).
    /// </summary>
    public long TrainingMemoryBytes(int batch)
    {
        var b = (long)batch;
        var t = (long)Context;
        var activations = (b * t * Layers * ((16L * Width) + (3L * Heads * t))) + (2L * b * t * VocabularySize);
        return 4L * ((4L * Parameters) + activations);
    }
}
