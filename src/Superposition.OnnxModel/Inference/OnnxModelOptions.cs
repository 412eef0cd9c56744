namespace Superposition.OnnxModel.Inference;

/// <summary>How an ONNX model folder is loaded.</summary>
/// <param name="Name">The name clients send; the folder's name when null.</param>
/// <param name="Threads">ONNX Runtime's intra-op threads; its default (the cores) when null.</param>
/// <param name="PrefixCacheBytes">
/// Byte budget of the cross-request prefix cache (ids, keys and values, logits of sequences already run; used where
/// the graph has a key/value cache); 0 turns it off.
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
    /// <summary>64 MiB.</summary>
    public const long DefaultPrefixCacheBytes = 64L << 20;

    public const int DefaultMaxQueuedRuns = 256;

    /// <summary>Fails with an error naming the option when a bound is out of range.</summary>
    internal void Validate()
    {
        if (PrefixCacheBytes < 0)
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
