using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>
/// The test oracle: a fixture's model.onnx run directly by its own InferenceSession on one whole sequence (batch 1,
/// no padding, positions 0..n-1, an empty cache), and softmax(logits) of every position computed here in double.
/// </summary>
internal sealed class DirectSession(string fixture) : IDisposable
{
    private readonly InferenceSession _session = new(Path.Combine(Fixtures.Folder(fixture), "model.onnx"));

    /// <summary>probabilities[t][v] = P(token v at t + 1 | tokens 0..t).</summary>
    public double[][] Softmax(IReadOnlyList<int> tokens)
    {
        var n = tokens.Count;
        long[] shape = [1, n];
        var inputs = new Dictionary<string, OrtValue>
        {
            ["input_ids"] = OrtValue.CreateTensorValueFromMemory(tokens.Select(t => (long)t).ToArray(), shape),
        };
        foreach (var (name, meta) in _session.InputMetadata)
        {
            if (name == "attention_mask")
            {
                inputs[name] = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, n).ToArray(), shape);
            }
            else if (name == "position_ids")
            {
                inputs[name] = OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, n).Select(i => (long)i).ToArray(), shape);
            }
            else if (name.StartsWith("past_key_values.", StringComparison.Ordinal))
            {
                inputs[name] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [1, meta.Dimensions[1], 0, meta.Dimensions[3]]);
            }
        }

        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, inputs, ["logits"]);
            var logits = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            var width = logits.Length / n;
            return [.. Enumerable.Range(0, n).Select(t =>
            {
                var row = logits.AsSpan(t * width, width).ToArray().Select(l => (double)l).ToArray();
                var max = row.Max();
                var exp = row.Select(l => Math.Exp(l - max)).ToArray();
                var sum = exp.Sum();
                return exp.Select(e => e / sum).ToArray();
            })];
        }
        finally
        {
            foreach (var value in inputs.Values)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
