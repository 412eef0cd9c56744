using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// One session run of a model, copied: every input tensor and the outputs asked for. A benchmark replays recorded
/// runs on a bare <see cref="InferenceSession"/> to measure the suite against exactly the forward passes it made.
/// </summary>
/// <param name="Inputs">The input tensors in the order the model passed them.</param>
/// <param name="Outputs">The output names the model asked for.</param>
public sealed record RecordedForwardPass(IReadOnlyList<RecordedTensor> Inputs, IReadOnlyList<string> Outputs)
{
    /// <summary>Copies a run's inputs (int64 or float tensors; the decoder contract has no others).</summary>
    internal static RecordedForwardPass Copy(IReadOnlyCollection<string> names, IReadOnlyCollection<OrtValue> values, IReadOnlyCollection<string> outputs) =>
        new([.. names.Zip(values, (name, value) =>
        {
            var info = value.GetTensorTypeAndShape();
            return info.ElementDataType == TensorElementType.Int64
                ? new RecordedTensor(name, info.Shape, value.GetTensorDataAsSpan<long>().ToArray(), null)
                : new RecordedTensor(name, info.Shape, null, value.GetTensorDataAsSpan<float>().ToArray());
        })], [.. outputs]);

    /// <summary>Σ batch × length of input_ids: the tokens the run computed.</summary>
    public long ComputedTokens => Inputs.Single(i => i.Name == DecoderGraph.InputIds).Shape.Aggregate(1L, (a, d) => a * d);
}

/// <summary>A copied input tensor: int64 data (ids, mask, positions) or float data (a key/value cache).</summary>
public sealed record RecordedTensor(string Name, long[] Shape, long[]? Int64, float[]? Float)
{
    /// <summary>A tensor over the copied data (no copy; dispose it after the run).</summary>
    public OrtValue ToOrtValue() =>
        Int64 is not null ? OrtValue.CreateTensorValueFromMemory(Int64, Shape) : OrtValue.CreateTensorValueFromMemory(Float!, Shape);
}
