using Microsoft.ML.OnnxRuntime;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;

namespace Superposition.Benchmarks;

/// <summary>
/// The ONNX benchmark's baseline: a model folder's model.onnx in a plain InferenceSession, replaying the forward
/// passes OnnxLanguageModel made (<see cref="OnnxLanguageModel.Recorder"/>: the same input tensors, key/value pasts
/// included, and the same outputs asked for) with no tokenizer, no softmax, no copy of the outputs and no HTTP: the
/// rate the suite's layers are measured against. The key/value pasts are kept as shapes only and replayed as zeros
/// of those shapes (a session's time does not depend on the values): holding every recorded past of a
/// GPT-2-small run took the harness to 12 GB.
/// </summary>
internal sealed class DirectForwardPasses : IDisposable
{
    private readonly InferenceSession _session;

    public DirectForwardPasses(string folder, int? threads, OnnxExecutionProvider provider)
    {
        var model = ModelFolder.Locate(folder).Model;
        using var options = new SessionOptions();
        if (threads is { } n)
        {
            options.IntraOpNumThreads = n;
        }

        if (provider == OnnxExecutionProvider.Cuda)
        {
            options.AppendExecutionProvider_CUDA(0);
        }

        _session = new InferenceSession(model, options);
    }

    /// <summary>The pass without its float data (the pasts): shapes only.</summary>
    public static RecordedForwardPass Compact(RecordedForwardPass pass) =>
        pass with { Inputs = [.. pass.Inputs.Select(i => i.Float is null ? i : i with { Float = [] })] };

    private static readonly ThreadLocal<float[]> Zeros = new(() => []);

    private static OrtValue Input(RecordedTensor tensor)
    {
        if (tensor.Int64 is not null)
        {
            return tensor.ToOrtValue();
        }

        var count = (int)tensor.Shape.Aggregate(1L, (a, d) => a * d);
        if (Zeros.Value!.Length < count)
        {
            Zeros.Value = new float[count];
        }

        return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, Zeros.Value.AsMemory(0, count), tensor.Shape);
    }

    /// <summary>Runs the recorded passes of one scored batch; returns the tokens computed (batch × length, padding included).</summary>
    public long Run(IReadOnlyList<RecordedForwardPass> passes)
    {
        long computed = 0;
        foreach (var pass in passes)
        {
            var values = pass.Inputs.Select(Input).ToList();
            try
            {
                using var runOptions = new RunOptions();
                using var outputs = _session.Run(runOptions, [.. pass.Inputs.Select(i => i.Name)], values, [.. pass.Outputs]);
                computed += pass.ComputedTokens;
            }
            finally
            {
                values.ForEach(v => v.Dispose());
            }
        }

        return computed;
    }

    public void Dispose() => _session.Dispose();
}
