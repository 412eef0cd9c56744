using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;

namespace Superposition.Benchmarks;

/// <summary>
/// The ONNX benchmark's baseline: a model folder's model.onnx in a plain InferenceSession, run on the same padded
/// batches OnnxLanguageModel runs (same shapes, same padding side, an empty key/value cache) with no tokenizer, no
/// softmax, no copy of the logits and no HTTP: the rate the suite's layers are measured against.
/// </summary>
internal sealed class DirectForwardPasses : IDisposable
{
    private static readonly string[] LogitsOnly = [DecoderGraph.Logits];
    private readonly InferenceSession _session;
    private readonly DecoderGraph _graph;
    private readonly long _padding;

    public DirectForwardPasses(string folder, int? threads, OnnxExecutionProvider provider, int padding)
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
        _graph = DecoderGraph.Read(_session, model);
        _padding = padding;
    }

    /// <summary>A batch's inputs, built once outside the clock.</summary>
    public IReadOnlyList<Inputs> Prepare(IReadOnlyList<IReadOnlyList<int>> batch)
    {
        // A graph without attention_mask runs rows of different lengths one by one, as OnnxLanguageModel does.
        if (!_graph.HasAttentionMask && batch.Select(s => s.Count).Distinct().Count() > 1)
        {
            return [.. batch.Select(s => Pad([s]))];
        }

        return [Pad(batch)];
    }

    /// <summary>One session run per prepared input; returns the tokens computed (batch × length, padding included).</summary>
    public long Run(IReadOnlyList<Inputs> passes)
    {
        long computed = 0;
        foreach (var pass in passes)
        {
            long[] shape = [pass.Batch, pass.Length];
            var names = new List<string> { DecoderGraph.InputIds };
            var values = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(pass.Ids, shape) };
            try
            {
                if (_graph.HasAttentionMask)
                {
                    names.Add(DecoderGraph.AttentionMask);
                    values.Add(OrtValue.CreateTensorValueFromMemory(pass.Mask, shape));
                }

                if (_graph.HasPositionIds)
                {
                    names.Add(DecoderGraph.PositionIds);
                    values.Add(OrtValue.CreateTensorValueFromMemory(pass.Positions, shape));
                }

                for (var layer = 0; layer < _graph.Layers; layer++)
                {
                    foreach (var name in new[] { DecoderGraph.PastKey(layer), DecoderGraph.PastValue(layer) })
                    {
                        names.Add(name);
                        values.Add(OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [pass.Batch, _graph.Heads, 0, _graph.HeadSize]));
                    }
                }

                using var runOptions = new RunOptions();
                using var outputs = _session.Run(runOptions, names, values, LogitsOnly);
                computed += (long)pass.Batch * pass.Length;
            }
            finally
            {
                values.ForEach(v => v.Dispose());
            }
        }

        return computed;
    }

    public void Dispose() => _session.Dispose();

    // Padded as OnnxLanguageModel pads: on the left where the graph takes position_ids, else on the right.
    private Inputs Pad(IReadOnlyList<IReadOnlyList<int>> batch)
    {
        var length = batch.Max(s => s.Count);
        var left = _graph.HasPositionIds;
        var ids = new long[batch.Count * length];
        var mask = new long[batch.Count * length];
        var positions = new long[batch.Count * length];
        Array.Fill(ids, _padding);
        for (var b = 0; b < batch.Count; b++)
        {
            var start = left ? length - batch[b].Count : 0;
            for (var t = 0; t < batch[b].Count; t++)
            {
                ids[(b * length) + start + t] = batch[b][t];
                mask[(b * length) + start + t] = 1;
                positions[(b * length) + start + t] = t;
            }
        }

        return new Inputs(batch.Count, length, ids, mask, positions);
    }

    /// <summary>One forward pass's input tensors.</summary>
    public sealed record Inputs(int Batch, int Length, long[] Ids, long[] Mask, long[] Positions);
}
