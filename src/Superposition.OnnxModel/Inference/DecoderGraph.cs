using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Superposition.OnnxModel.Folders;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// Which of Optimum's decoder inputs and outputs a graph has, read from the session's metadata: input_ids, optional
/// attention_mask and position_ids, optional past_key_values.&lt;i&gt;.key/value with present.&lt;i&gt;.key/value,
/// and logits [batch, sequence, vocabulary]. Anything else fails at load naming model.onnx.
/// </summary>
/// <param name="HasAttentionMask">The graph takes attention_mask.</param>
/// <param name="HasPositionIds">The graph takes position_ids (so padding may go on the left).</param>
/// <param name="Layers">Layers with a key/value cache input; 0 when the graph has none.</param>
/// <param name="Heads">Key/value heads of a cache tensor [batch, heads, past, head size].</param>
/// <param name="HeadSize">Head size of a cache tensor.</param>
/// <param name="LogitsWidth">The logits' last dimension when the graph fixes it; null when it is symbolic.</param>
public sealed record DecoderGraph(bool HasAttentionMask, bool HasPositionIds, int Layers, int Heads, int HeadSize, int? LogitsWidth)
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string PositionIds = "position_ids";
    public const string Logits = "logits";

    /// <summary>Whether the graph takes and returns a key/value cache.</summary>
    public bool HasCache => Layers > 0;

    public static string PastKey(int layer) => $"past_key_values.{layer}.key";

    public static string PastValue(int layer) => $"past_key_values.{layer}.value";

    public static string PresentKey(int layer) => $"present.{layer}.key";

    public static string PresentValue(int layer) => $"present.{layer}.value";

    /// <summary>Reads the signature of a loaded session; <paramref name="file"/> names model.onnx in messages.</summary>
    public static DecoderGraph Read(InferenceSession session, string file)
    {
        ArgumentNullException.ThrowIfNull(session);
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        string Names(IEnumerable<string> names) => string.Join(", ", names);

        foreach (var name in new[] { InputIds, AttentionMask, PositionIds })
        {
            if (inputs.TryGetValue(name, out var meta) && meta.ElementDataType != TensorElementType.Int64)
            {
                throw new ModelFolderException(file, $"input '{name}' is {meta.ElementDataType}; expected int64");
            }
        }

        if (!inputs.ContainsKey(InputIds))
        {
            throw new ModelFolderException(file, $"has no input '{InputIds}' (its inputs: {Names(inputs.Keys)})");
        }

        if (!outputs.TryGetValue(Logits, out var logits))
        {
            throw new ModelFolderException(file, $"has no output '{Logits}' (its outputs: {Names(outputs.Keys)})");
        }

        if (logits.ElementDataType != TensorElementType.Float || logits.Dimensions.Length != 3)
        {
            throw new ModelFolderException(file, $"output '{Logits}' is {logits.ElementDataType} of rank {logits.Dimensions.Length}; expected float [batch, sequence, vocabulary]");
        }

        var layers = 0;
        while (inputs.ContainsKey(PastKey(layers)))
        {
            layers++;
        }

        var (heads, headSize) = (0, 0);
        for (var i = 0; i < layers; i++)
        {
            foreach (var (past, present) in new[] { (PastKey(i), PresentKey(i)), (PastValue(i), PresentValue(i)) })
            {
                if (!inputs.TryGetValue(past, out var meta))
                {
                    throw new ModelFolderException(file, $"has input '{PastKey(i)}' but no '{past}'");
                }

                if (!outputs.ContainsKey(present))
                {
                    throw new ModelFolderException(file, $"has input '{past}' but no output '{present}' to continue the cache from");
                }

                if (meta.ElementDataType != TensorElementType.Float || meta.Dimensions.Length != 4 || meta.Dimensions[1] <= 0 || meta.Dimensions[3] <= 0)
                {
                    throw new ModelFolderException(file, $"input '{past}' is {meta.ElementDataType} [{string.Join(", ", meta.Dimensions)}]; expected float [batch, heads, past, head size] with fixed heads and head size");
                }

                (heads, headSize) = (meta.Dimensions[1], meta.Dimensions[3]);
            }
        }

        var known = new HashSet<string>(StringComparer.Ordinal) { InputIds, AttentionMask, PositionIds };
        for (var i = 0; i < layers; i++)
        {
            known.Add(PastKey(i));
            known.Add(PastValue(i));
        }

        var unknown = inputs.Keys.Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ModelFolderException(file, $"has inputs outside the decoder contract: {Names(unknown)} (expected {InputIds}, optional {AttentionMask}, {PositionIds}, past_key_values.<i>.key/value)");
        }

        var width = logits.Dimensions[2];
        return new DecoderGraph(inputs.ContainsKey(AttentionMask), inputs.ContainsKey(PositionIds), layers, heads, headSize, width > 0 ? width : null);
    }
}
