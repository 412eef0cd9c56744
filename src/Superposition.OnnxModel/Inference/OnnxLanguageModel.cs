using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Superposition.LanguageModels;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Tokenization;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// A causal language model exported to ONNX (Optimum's decoder layout), run in-process by one ONNX Runtime session
/// (thread-safe; shared by concurrent requests). A batch of sequences is scored in one forward pass, padded with an
/// attention mask: on the right, or on the left where the graph takes position_ids (so positions stay 0..n-1).
/// Probabilities are softmax(logits) in double precision.
/// </summary>
public sealed class OnnxLanguageModel : ILanguageModel, IDisposable
{
    private readonly InferenceSession _session;
    private readonly ByteLevelBpeTokenizer _tokenizer;
    private static readonly string[] LogitsOnly = [DecoderGraph.Logits];
    private long _forwardPasses;
    private long _computedTokens;
    private long _scoredSequences;

    private OnnxLanguageModel(string name, ModelFolder folder, InferenceSession session, DecoderGraph graph, ByteLevelBpeTokenizer tokenizer, int width, int contextLength)
    {
        Name = name;
        Folder = folder;
        _session = session;
        Graph = graph;
        _tokenizer = tokenizer;
        Width = width;
        ContextLength = contextLength;
    }

    public string Name { get; }

    public ITokenizer Tokenizer => _tokenizer;

    public int ContextLength { get; }

    /// <summary>The folder's files.</summary>
    public ModelFolder Folder { get; }

    /// <summary>What the graph takes and returns.</summary>
    public DecoderGraph Graph { get; }

    /// <summary>The logits' vocabulary dimension (the softmax's width; at least the tokenizer's vocabulary).</summary>
    public int Width { get; }

    /// <summary>What the model has computed since it was loaded (a snapshot; thread-safe).</summary>
    public OnnxModelStats Stats => new(
        Interlocked.Read(ref _forwardPasses),
        Interlocked.Read(ref _computedTokens),
        Interlocked.Read(ref _scoredSequences),
        ReusedTokens: 0); // no key/value cache is reused yet

    /// <summary>
    /// Loads a model folder (README, "Local models through ONNX Runtime"). Every way the folder can break the
    /// contract fails here with a <see cref="ModelFolderException"/> naming the file and the problem.
    /// </summary>
    public static OnnxLanguageModel Load(string folder, OnnxModelOptions? options = null)
    {
        options ??= new OnnxModelOptions();
        var files = ModelFolder.Locate(folder);
        var config = ModelConfig.Read(files.Config);
        var session = OpenSession(files.Model, options);
        try
        {
            var graph = DecoderGraph.Read(session, files.Model);
            if (graph.LogitsWidth is { } w && config.VocabularySize is { } v && w != v)
            {
                throw new ModelFolderException(files.Config, $"vocab_size is {v} but the logits of {ModelFolder.ModelFile} have {w} columns");
            }

            var width = graph.LogitsWidth ?? config.VocabularySize
                ?? throw new ModelFolderException(files.Config, $"has no vocab_size, and the logits of {ModelFolder.ModelFile} leave the vocabulary dimension open");
            var tokenizer = ByteLevelBpeTokenizer.Load(files, config.EndOfText);
            if (tokenizer.VocabularySize > width)
            {
                throw new ModelFolderException(tokenizer.File, $"the vocabulary has {tokenizer.VocabularySize} tokens but the logits of {ModelFolder.ModelFile} have {width} columns");
            }

            var name = options.Name ?? Path.GetFileName(files.Directory);
            return new OnnxLanguageModel(name, files, session, graph, tokenizer, width, config.ContextLength);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public IReadOnlyList<ScoredSequence> Score(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            return [];
        }

        var (logits, length, left) = Forward(sequences);
        Interlocked.Add(ref _scoredSequences, sequences.Count);
        var scored = new ScoredSequence[sequences.Count];
        for (var b = 0; b < sequences.Count; b++)
        {
            var ids = sequences[b];
            var start = left ? length - ids.Count : 0;
            var tokens = new ScoredToken[ids.Count];
            SoftmaxDistribution? before = null;
            for (var t = 0; t < ids.Count; t++)
            {
                tokens[t] = new ScoredToken(ids[t], before?.LogProbabilityOf(ids[t]), before);
                before = new SoftmaxDistribution(logits.AsMemory(((b * length) + start + t) * Width, Width));
            }

            scored[b] = new ScoredSequence(tokens, new OnnxGenerationState(this, [.. ids], before));
        }

        return scored;
    }

    public void Dispose() => _session.Dispose();

    /// <summary>The distribution after a whole text (a generation step without a key/value cache).</summary>
    internal SoftmaxDistribution NextTokenDistribution(int[] tokens)
    {
        var (logits, length, _) = Forward([tokens]);
        return new SoftmaxDistribution(logits.AsMemory((length - 1) * Width, Width));
    }

    // One forward pass over the batch: logits [batch, length, width] and whether padding went on the left.
    private (float[] Logits, int Length, bool Left) Forward(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        Check(sequences);
        var batch = sequences.Count;
        var length = sequences.Max(s => s.Count);
        if (!Graph.HasAttentionMask && sequences.Any(s => s.Count != length))
        {
            // Without a mask padding would be read as text: such a graph runs sequences of one length together only.
            var rows = sequences.Select(s => Forward([s]).Logits).ToList();
            var padded = new float[batch * length * Width];
            for (var b = 0; b < batch; b++)
            {
                rows[b].CopyTo(padded, b * length * Width);
            }

            return (padded, length, false);
        }

        var left = Graph.HasPositionIds;
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        var positions = new long[batch * length];
        for (var b = 0; b < batch; b++)
        {
            var sequence = sequences[b];
            var start = left ? length - sequence.Count : 0;
            Array.Fill(ids, _tokenizer.EndOfText, b * length, length);
            for (var t = 0; t < sequence.Count; t++)
            {
                ids[(b * length) + start + t] = sequence[t];
                mask[(b * length) + start + t] = 1;
                positions[(b * length) + start + t] = t;
            }
        }

        long[] shape = [batch, length];
        var names = new List<string> { DecoderGraph.InputIds };
        using var values = new DisposableValues { OrtValue.CreateTensorValueFromMemory(ids, shape) };
        if (Graph.HasAttentionMask)
        {
            names.Add(DecoderGraph.AttentionMask);
            values.Add(OrtValue.CreateTensorValueFromMemory(mask, shape));
        }

        if (Graph.HasPositionIds)
        {
            names.Add(DecoderGraph.PositionIds);
            values.Add(OrtValue.CreateTensorValueFromMemory(positions, shape));
        }

        for (var layer = 0; layer < Graph.Layers; layer++)
        {
            // A first step: the cache inputs are empty (past length 0).
            foreach (var name in new[] { DecoderGraph.PastKey(layer), DecoderGraph.PastValue(layer) })
            {
                names.Add(name);
                values.Add(OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [batch, Graph.Heads, 0, Graph.HeadSize]));
            }
        }

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, LogitsOnly);
        Interlocked.Increment(ref _forwardPasses);
        Interlocked.Add(ref _computedTokens, (long)batch * length);
        var output = outputs[0];
        var outputShape = output.GetTensorTypeAndShape().Shape;
        if (outputShape is not [var b0, var l0, var w0] || b0 != batch || l0 != length || w0 != Width)
        {
            throw new InvalidOperationException($"{Folder.Model} returned logits [{string.Join(", ", outputShape)}] for input [{batch}, {length}]; expected [{batch}, {length}, {Width}].");
        }

        return (output.GetTensorDataAsSpan<float>().ToArray(), length, left);
    }

    private void Check(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i] ?? throw new ArgumentException($"Sequence {i} is null.", nameof(sequences));
            if (sequence.Count == 0)
            {
                throw new ArgumentException($"Sequence {i} is empty; a scored sequence needs at least one token.", nameof(sequences));
            }

            if (sequence.Count > ContextLength)
            {
                throw new ArgumentException($"Sequence {i} has {sequence.Count} tokens; model '{Name}' reads at most {ContextLength}.", nameof(sequences));
            }

            for (var t = 0; t < sequence.Count; t++)
            {
                if (sequence[t] < 0 || sequence[t] >= Width)
                {
                    throw new ArgumentException($"Sequence {i} holds token id {sequence[t]} at position {t}; model '{Name}' has ids 0..{Width - 1}.", nameof(sequences));
                }
            }
        }
    }

    private static InferenceSession OpenSession(string model, OnnxModelOptions options)
    {
        using var sessionOptions = new SessionOptions();
        if (options.Threads is { } threads)
        {
            sessionOptions.IntraOpNumThreads = threads;
        }

        if (options.ExecutionProvider == OnnxExecutionProvider.Cuda)
        {
            try
            {
                sessionOptions.AppendExecutionProvider_CUDA(options.DeviceId);
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                // The CPU package has no CUDA provider; the GPU package without CUDA cannot load it: say which build runs CUDA.
                throw new ExecutionProviderUnavailableException(options.ExecutionProvider, e.Message, e);
            }
        }

        try
        {
            return new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFolderException(model, $"ONNX Runtime cannot load it ({e.Message})", e);
        }
    }

    private sealed class DisposableValues : List<OrtValue>, IDisposable
    {
        public void Dispose() => ForEach(v => v.Dispose());
    }
}
