namespace Superposition.OnnxModel.Inference;

/// <summary>How an ONNX model folder is loaded.</summary>
/// <param name="Name">The name clients send; the folder's name when null.</param>
/// <param name="Threads">ONNX Runtime's intra-op threads; its default (the cores) when null.</param>
/// <param name="PrefixCacheBytes">
/// Byte budget of the cross-request prefix cache (ids, keys and values, next-token logprobs and the last logits of
/// sequences already run; used where the graph has a key/value cache); 0 turns it off;
/// <see cref="DefaultPrefixCacheBytes"/> sizes it from the model.
/// </param>
/// <param name="MaxConcurrentRuns">
/// Forward passes the shared session runs at once; 1 by default, since on few cores parallel runs only contend.
/// </param>
/// <param name="MaxQueuedRuns">Forward passes that may wait beyond those; a request beyond them is refused as busy.</param>
/// <param name="ExecutionProvider">Where ONNX Runtime runs the graph: the CPU (default), or CUDA with the GPU package.</param>
/// <param name="DeviceId">The CUDA device, with <see cref="OnnxExecutionProvider.Cuda"/>.</param>
public sealed record OnnxModelOptions(
    string? Name = null,
    int? Threads = null,
    long PrefixCacheBytes = OnnxModelOptions.DefaultPrefixCacheBytes,
    int MaxConcurrentRuns = 1,
    int MaxQueuedRuns = OnnxModelOptions.DefaultMaxQueuedRuns,
    OnnxExecutionProvider ExecutionProvider = OnnxExecutionProvider.Cpu,
    int DeviceId = 0)
{
    /// <summary>
    /// Sized from the model when it loads: room for <see cref="DefaultPrefixCacheContexts"/> full-context sequences
    /// (<see cref="PrefixCacheBytesFor"/>; GPT-2 small: 4,096 tokens of 73,752 bytes, about 302 MB, so a 250-token
    /// prompt is kept sixteen times over). A fixed byte count held no prompt of a large model and most of a small one.
    /// </summary>
    public const long DefaultPrefixCacheBytes = -1;

    /// <summary>Full-context sequences the default prefix cache holds.</summary>
    public const int DefaultPrefixCacheContexts = 4;

    /// <summary>
    /// The default budget of a model: <see cref="DefaultPrefixCacheContexts"/> × the context length × what a cached
    /// token costs (its keys and values in every layer, its id twice and its next-token logprob), plus the last-logits row of
    /// as many entries as 64-token sequences would make.
    /// </summary>
    public static long PrefixCacheBytesFor(int layers, int heads, int headSize, int width, int contextLength)
    {
        long tokens = (long)DefaultPrefixCacheContexts * contextLength;
        var perToken = (2L * layers * heads * headSize * sizeof(float)) + (2 * sizeof(int)) + sizeof(double);
        return (tokens * perToken) + (Math.Max(1, tokens / 64) * width * sizeof(float));
    }

    public const int DefaultMaxQueuedRuns = 256;

    /// <summary>Fails with an error naming the option when a bound is out of range.</summary>
    internal void Validate()
    {
        if (PrefixCacheBytes < 0 && PrefixCacheBytes != DefaultPrefixCacheBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(PrefixCacheBytes), PrefixCacheBytes, $"{nameof(PrefixCacheBytes)} is {PrefixCacheBytes}; it must be 0 (off) or a positive byte budget.");
        }

        if (MaxConcurrentRuns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRuns), MaxConcurrentRuns, $"{nameof(MaxConcurrentRuns)} is {MaxConcurrentRuns}; at least one forward pass must be able to run.");
        }

        if (MaxQueuedRuns < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxQueuedRuns), MaxQueuedRuns, $"{nameof(MaxQueuedRuns)} is {MaxQueuedRuns}; it must be 0 or more.");
        }
    }
}
