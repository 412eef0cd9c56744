using Microsoft.ML.OnnxRuntime;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;

namespace Superposition.Benchmarks;

/// <summary>
/// The ONNX benchmark's baseline: a model folder's model.onnx in a plain InferenceSession, replaying the forward
/// passes OnnxLanguageModel made (<see cref="OnnxLanguageModel.Recorder"/>: the same input tensors, key/value pasts
/// included, and the same outputs asked for) with no tokenizer, no softmax, no copy of the outputs and no HTTP: the
/// rate the suite's layers are measured against.
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

    /// <summary>Runs the recorded passes of one scored batch; returns the tokens computed (batch × length, padding included).</summary>
    public long Run(IReadOnlyList<RecordedForwardPass> passes)
    {
        long computed = 0;
        foreach (var pass in passes)
        {
            var values = pass.Inputs.Select(i => i.ToOrtValue()).ToList();
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
