using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Superposition.LanguageModels;
using Superposition.OnnxModel.Chat;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Tokenization;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// A causal language model exported to ONNX (Optimum's decoder layout), run in-process by one ONNX Runtime session
/// shared by concurrent requests behind a bounded queue (<see cref="RunGate"/>: a full queue refuses with
/// <see cref="ModelBusyException"/>). Probabilities are softmax(logits) in double precision.
/// Where the graph has a key/value cache (and an attention mask) a batch costs little more than its distinct
/// tokens: the longest prefix its sequences share runs once, the rest of every row runs with that prefix as past
/// (rows of one suffix length in one batch, so no padding is computed); a cross-request
/// <see cref="KeyValuePrefixCache"/> spares a request the prefix an earlier one ran; generation runs one token per
/// step with the state's cache as past. Without a cache a batch is
/// one forward pass padded with an attention mask: on the right, or on the left where the graph takes
/// position_ids (so positions stay 0..n-1), and generation reruns the whole text.
/// </summary>
public sealed class OnnxLanguageModel : ILanguageModel, IDisposable
{
    private readonly InferenceSession _session;
    private readonly HuggingFaceTokenizer _tokenizer;
    private static readonly string[] LogitsOnly = [DecoderGraph.Logits];
    private long _forwardPasses;
    private long _computedTokens;
    private long _scoredSequences;
    private long _reusedTokens;
    private readonly RunGate _gate;
    private readonly KeyValuePrefixCache _prefixes;

    private OnnxLanguageModel(string name, ModelFolder folder, InferenceSession session, DecoderGraph graph, HuggingFaceTokenizer tokenizer, int width, int contextLength, IChatTemplate? chatTemplate, OnnxModelOptions options)
    {
        ChatTemplate = chatTemplate;
        _gate = new RunGate(name, options.MaxConcurrentRuns, options.MaxQueuedRuns);
        _prefixes = new KeyValuePrefixCache(options.PrefixCacheBytes == OnnxModelOptions.DefaultPrefixCacheBytes
            ? (graph.HasCache ? OnnxModelOptions.PrefixCacheBytesFor(graph.Layers, graph.Heads, graph.HeadSize, width, contextLength) : 0)
            : options.PrefixCacheBytes);
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

    /// <summary>tokenizer_config.json's chat_template; null when the folder has none (chat requests are then refused).</summary>
    public IChatTemplate? ChatTemplate { get; }

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
        Interlocked.Read(ref _reusedTokens));

    /// <summary>Whether batches share their prefix run and states keep a key/value cache (the graph has one, and a mask to pad with).</summary>
    public bool UsesCache => Graph.HasCache && Graph.HasAttentionMask;

    /// <summary>
    /// Receives a copy of every session run's inputs while set (a benchmark replays them on a bare session); null,
    /// the default, copies nothing.
    /// </summary>
    public Action<RecordedForwardPass>? Recorder { get; set; }

    /// <summary>The bounded queue of forward passes (tests hold it to make the model busy).</summary>
    internal RunGate Gate => _gate;

    /// <summary>The prefix cache's byte budget (sized from the model unless configured) and the bytes it holds now.</summary>
    public (long Budget, long Held) PrefixCacheBytes => (_prefixes.BudgetBytes, _prefixes.Bytes);

    /// <summary>The cross-request prefix cache.</summary>
    internal KeyValuePrefixCache Prefixes => _prefixes;

    /// <summary>
    /// Loads a model folder (docs/models.md, "The model folder"). Every way the folder can break the
    /// contract fails here with a <see cref="ModelFolderException"/> naming the file and the problem.
    /// </summary>
    public static OnnxLanguageModel Load(string folder, OnnxModelOptions? options = null)
    {
        options ??= new OnnxModelOptions();
        options.Validate();
        var files = ModelFolder.Locate(folder);
        var config = ModelConfig.Read(files.Config);
        var session = OpenSession(files.Model, options);
        HuggingFaceTokenizer? tokenizer = null;
        try
        {
            var graph = DecoderGraph.Read(session, files.Model);
            if (graph.LogitsWidth is { } w && config.VocabularySize is { } v && w != v)
            {
                throw new ModelFolderException(files.Config, $"vocab_size is {v} but the logits of {ModelFolder.ModelFile} have {w} columns");
            }

            var width = graph.LogitsWidth ?? config.VocabularySize
                ?? throw new ModelFolderException(files.Config, $"has no vocab_size, and the logits of {ModelFolder.ModelFile} leave the vocabulary dimension open");
            var tokenizerConfig = TokenizerConfig.Read(files.Directory);
            tokenizer = HuggingFaceTokenizer.Load(files.Directory, config, tokenizerConfig);
            if (tokenizer.VocabularySize > width)
            {
                throw new ModelFolderException(tokenizer.File, $"the vocabulary has {tokenizer.VocabularySize} tokens but the logits of {ModelFolder.ModelFile} have {width} columns");
            }

            var name = options.Name ?? Path.GetFileName(files.Directory);
            var chat = tokenizerConfig.ChatTemplate is { } template ? new HuggingFaceChatTemplate(template, tokenizerConfig.BosToken, tokenizerConfig.EosToken) : null;
            return new OnnxLanguageModel(name, files, session, graph, tokenizer, width, config.ContextLength, chat, options);
        }
        catch
        {
            tokenizer?.Dispose();
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

        Check(sequences);
        var scored = UsesCache ? ScoreWithCache(sequences) : ScoreWhole(sequences);
        Interlocked.Add(ref _scoredSequences, sequences.Count);
        return scored;
    }

    public void Dispose()
    {
        _session.Dispose();
        _tokenizer.Dispose();
        _gate.Dispose();
    }

    /// <summary>The distribution after a whole text (a generation step without a key/value cache).</summary>
    internal SoftmaxDistribution NextTokenDistribution(int[] tokens)
    {
        Check([tokens]);
        var (logits, length, _) = Forward([tokens]);
        return new SoftmaxDistribution(logits.AsMemory((length - 1) * Width, Width));
    }

    /// <summary>
    /// One generation step with a cache: <paramref name="token"/> runs alone with <paramref name="past"/> (the
    /// text before it), giving the distribution after it and the cache that includes it.
    /// </summary>
    internal (SoftmaxDistribution Distribution, KeyValues KeyValues) Step(KeyValues past, int token)
    {
        if (past.Length + 1 > ContextLength)
        {
            throw new ArgumentException($"The text would have {past.Length + 1} tokens; model '{Name}' reads at most {ContextLength}.", nameof(past));
        }

        var run = RunWithPast(past, [[token]], keepPresents: true);
        return (new SoftmaxDistribution(run.LogitsAt(0, 0)), run.Row(0, 1));
    }

    /// <summary>
    /// The cache of a text whose last tokens, <paramref name="suffix"/>, ran in a batch that kept no key/value
    /// outputs: they run again alone with <paramref name="past"/> (only when a batched row is continued).
    /// </summary>
    internal KeyValues Extend(KeyValues past, int[] suffix) => RunWithPast(past, [suffix], keepPresents: true).Row(0, suffix.Length);

    private static int CommonPrefixLength(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        var first = sequences[0];
        var length = sequences.Min(s => s.Count);
        for (var t = 0; t < length; t++)
        {
            for (var b = 1; b < sequences.Count; b++)
            {
                if (sequences[b][t] != first[t])
                {
                    return t;
                }
            }
        }

        return length;
    }

    private static int[] Slice(IReadOnlyList<int> ids, int start, int end)
    {
        var slice = new int[end - start];
        for (var t = start; t < end; t++)
        {
            slice[t - start] = ids[t];
        }

        return slice;
    }

    // Without a cache: one padded forward pass over the whole batch.
    private ScoredSequence[] ScoreWhole(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        var (logits, length, left) = Forward(sequences);
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

            scored[b] = new ScoredSequence(tokens, OnnxGenerationState.Whole(this, [.. ids], before!));
        }

        return scored;
    }

    // With a cache: the prefix the prompt shares with an earlier request comes from the prefix cache, the prefix the
    // batch's rows share runs once, and every row's remaining tokens run with that past (one batch per length).
    private ScoredSequence[] ScoreWithCache(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        var first = sequences[0];
        var batch = sequences.Count;

        // A batch keeps one token of each row outside the shared prefix, so that every row has a suffix to run.
        var shared = batch == 1 ? first.Count : Math.Min(CommonPrefixLength(sequences), sequences.Min(s => s.Count) - 1);
        var prefix = Reuse(first, shared);
        Interlocked.Add(ref _reusedTokens, prefix.Length);
        if (batch > 1 && shared > prefix.Length)
        {
            var ids = Slice(first, prefix.Length, shared);
            var run = RunWithPast(prefix.KeyValues, [ids], keepPresents: true);
            prefix = prefix.Extend(run.Row(0, ids.Length), new PrefixSegment(prefix.Length, ids), run, 0);
            Keep(first, prefix);
        }

        var past = prefix.Length;

        // The rows' suffixes run in one batch per suffix length: padding to the longest would compute
        // rows × (longest − own) tokens of nothing, which for answers of different lengths after a short prompt is
        // more than the 10% the computed ÷ minimum goal allows. A batch of one keeps its key/value outputs (the
        // state continues from them and the prefix cache keeps them); a wider batch would copy every row's cache
        // for states that are rarely continued, so a continued row reruns its suffix instead
        // (OnnxGenerationState.Continued).
        var suffixes = sequences.Select(s => Slice(s, past, s.Count)).ToArray();
        var rowRuns = new (CachedRun? Run, int Row)[batch];
        foreach (var group in Enumerable.Range(0, batch).Where(b => suffixes[b].Length > 0).GroupBy(b => suffixes[b].Length))
        {
            var rows = group.ToArray();
            var run = RunWithPast(prefix.KeyValues, [.. rows.Select(b => suffixes[b])], keepPresents: batch == 1);
            for (var i = 0; i < rows.Length; i++)
            {
                rowRuns[rows[i]] = (run, i);
            }
        }

        var scored = new ScoredSequence[batch];
        for (var b = 0; b < batch; b++)
        {
            var ids = sequences[b];
            var (suffixRun, row) = rowRuns[b];
            IPositionDistribution After(int t) => t < past ? prefix.After[t] : new SoftmaxDistribution(suffixRun!.LogitsAt(row, t - past));
            var tokens = new ScoredToken[ids.Count];
            IPositionDistribution? previous = null;
            for (var t = 0; t < ids.Count; t++)
            {
                tokens[t] = new ScoredToken(ids[t], previous?.LogProbabilityOf(ids[t]), previous);
                previous = After(t);
            }

            OnnxGenerationState state;
            if (batch == 1)
            {
                var whole = suffixRun is null ? prefix : prefix.Extend(suffixRun.Row(0, suffixes[0].Length), new PrefixSegment(past, suffixes[0]), suffixRun, 0);
                if (suffixRun is not null)
                {
                    Keep(ids, whole);
                }

                state = OnnxGenerationState.Cached(this, [.. ids], previous!, whole.KeyValues);
            }
            else
            {
                state = OnnxGenerationState.Continued(this, [.. ids], previous!, prefix.KeyValues, suffixes[b]);
            }

            scored[b] = new ScoredSequence(tokens, state);
        }

        return scored;
    }

    // The longest prefix of ids (at most limit) the cache holds, with a distribution after each of its tokens. An
    // entry keeps the full logits of its last position only: cut inside an entry, the cut's last token runs again
    // (one token) so that the distribution after it, against which the next token is scored, comes from a run.
    private RunPrefix Reuse(IReadOnlyList<int> ids, int limit)
    {
        if (_prefixes.Longest(ids, limit) is not var (entry, common))
        {
            return RunPrefix.Empty(Graph);
        }

        var length = common == entry.Length ? common : common - 1;
        if (length <= 0)
        {
            return RunPrefix.Empty(Graph);
        }

        var after = new IPositionDistribution[length];
        var segments = entry.Segments.Where(g => g.Start < length).ToArray();
        var rerun = segments.Select(g => new Lazy<float[]>(() => Recompute(entry.KeyValues, g), LazyThreadSafetyMode.ExecutionAndPublication)).ToArray();
        var g = 0;
        for (var t = 0; t < length; t++)
        {
            while (t >= segments[g].End)
            {
                g++;
            }

            after[t] = t == entry.Length - 1
                ? new SoftmaxDistribution(entry.LastLogits)
                : new CachedDistribution(entry.Tokens[t + 1], entry.NextLogprobs[t], rerun[g], t - segments[g].Start, Width);
        }

        return new RunPrefix(entry.KeyValues.Take(length), after, segments);
    }

    // The logits of a cached segment, run again exactly as it first ran (alone, after the same past).
    private float[] Recompute(KeyValues keyValues, PrefixSegment segment) =>
        RunWithPast(keyValues.Take(segment.Start), [segment.Ids], keepPresents: false).RowLogits(0, segment.Ids.Length).ToArray();

    // Offers a run prefix to the cross-request cache, built only when the cache could keep it.
    private void Keep(IReadOnlyList<int> ids, RunPrefix prefix)
    {
        var length = prefix.Length;
        if (length == 0 || !_prefixes.Fits(ScoredPrefix.Cost(length, prefix.KeyValues.Bytes, Width)))
        {
            return;
        }

        var next = new double[length - 1];
        for (var t = 0; t < next.Length; t++)
        {
            next[t] = prefix.After[t].LogProbabilityOf(ids[t + 1]);
        }

        _prefixes.Add(new ScoredPrefix(Slice(ids, 0, length), prefix.KeyValues, next, prefix.After[length - 1].Row.ToArray(), prefix.Segments));
    }

    // One forward pass of right-padded rows after a past every row shares: input_ids [batch, length], attention_mask
    // [batch, past + length] (1 for the past and real tokens, 0 for padding), position_ids past + t, the past expanded
    // to the batch; logits, and the present keys and values when asked for.
    private CachedRun RunWithPast(KeyValues past, IReadOnlyList<int[]> suffixes, bool keepPresents)
    {
        var batch = suffixes.Count;
        var length = suffixes.Max(s => s.Length);
        var pastLength = past.Length;
        var total = pastLength + length;
        var ids = new long[batch * length];
        var mask = new long[batch * total];
        var positions = new long[batch * length];
        Array.Fill(ids, _tokenizer.EndOfText);
        for (var b = 0; b < batch; b++)
        {
            Array.Fill(mask, 1L, b * total, pastLength + suffixes[b].Length);
            for (var t = 0; t < length; t++)
            {
                positions[(b * length) + t] = pastLength + t;
                if (t < suffixes[b].Length)
                {
                    ids[(b * length) + t] = suffixes[b][t];
                }
            }
        }

        var names = new List<string> { DecoderGraph.InputIds, DecoderGraph.AttentionMask };
        using var values = new DisposableValues
        {
            OrtValue.CreateTensorValueFromMemory(ids, [batch, length]),
            OrtValue.CreateTensorValueFromMemory(mask, [batch, total]),
        };
        if (Graph.HasPositionIds)
        {
            names.Add(DecoderGraph.PositionIds);
            values.Add(OrtValue.CreateTensorValueFromMemory(positions, [batch, length]));
        }

        var (heads, size) = (Graph.Heads, Graph.HeadSize);
        for (var layer = 0; layer < Graph.Layers; layer++)
        {
            foreach (var (name, value) in new[] { (DecoderGraph.PastKey(layer), false), (DecoderGraph.PastValue(layer), true) })
            {
                names.Add(name);
                long[] shape = [batch, heads, pastLength, size];
                if (pastLength == 0)
                {
                    values.Add(OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, shape));
                    continue;
                }

                // The cache is position-major; the graph reads [batch, heads, past, head size], the same past in every row.
                var source = past.Of(layer, value);
                var tensor = new float[batch * heads * pastLength * size];
                for (var h = 0; h < heads; h++)
                {
                    for (var p = 0; p < pastLength; p++)
                    {
                        source.Slice((p * past.Stride) + (h * size), size).CopyTo(tensor.AsSpan(((h * pastLength) + p) * size, size));
                    }
                }

                for (var b = 1; b < batch; b++)
                {
                    tensor.AsSpan(0, heads * pastLength * size).CopyTo(tensor.AsSpan(b * heads * pastLength * size));
                }

                values.Add(OrtValue.CreateTensorValueFromMemory(tensor, shape));
            }
        }

        var outputNames = new List<string> { DecoderGraph.Logits };
        if (keepPresents)
        {
            for (var layer = 0; layer < Graph.Layers; layer++)
            {
                outputNames.Add(DecoderGraph.PresentKey(layer));
                outputNames.Add(DecoderGraph.PresentValue(layer));
            }
        }

        // ONNX Runtime writes the outputs into managed arrays of the contract's shapes (a graph returning other
        // shapes fails the run): no copy of the logits or of the presents afterwards.
        var logits = GC.AllocateUninitializedArray<float>(batch * length * Width);
        using var outputs = new DisposableValues { OrtValue.CreateTensorValueFromMemory(logits, [batch, length, Width]) };
        float[][]? presents = null;
        if (keepPresents)
        {
            presents = new float[2 * Graph.Layers][];
            for (var i = 0; i < presents.Length; i++)
            {
                presents[i] = GC.AllocateUninitializedArray<float>(batch * heads * total * size);
                outputs.Add(OrtValue.CreateTensorValueFromMemory(presents[i], [batch, heads, total, size]));
            }
        }

        Run(names, values, outputNames, outputs, batch, length);
        return new CachedRun(logits, length, Width, pastLength, presents, Graph);
    }

    // One session run behind the gate into the given outputs, counted in Stats.
    private void Run(IReadOnlyCollection<string> names, IReadOnlyCollection<OrtValue> values, IReadOnlyCollection<string> outputNames, IReadOnlyCollection<OrtValue> outputs, int batch, int length)
    {
        Recorder?.Invoke(RecordedForwardPass.Copy(names, values, outputNames));
        using var slot = _gate.Enter();
        using var runOptions = new RunOptions();
        try
        {
            _session.Run(runOptions, names, values, outputNames, outputs);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidOperationException($"{Folder.Model} failed a forward pass of input [{batch}, {length}] into outputs of the contract's shapes (logits [{batch}, {length}, {Width}]): {e.Message}", e);
        }

        Interlocked.Increment(ref _forwardPasses);
        Interlocked.Add(ref _computedTokens, (long)batch * length);
    }

    // One forward pass over the batch: logits [batch, length, width] and whether padding went on the left.
    private (float[] Logits, int Length, bool Left) Forward(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
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

        var logits = GC.AllocateUninitializedArray<float>(batch * length * Width);
        using var outputs = new DisposableValues { OrtValue.CreateTensorValueFromMemory(logits, [batch, length, Width]) };
        Run(names, values, LogitsOnly, outputs, batch, length);
        return (logits, length, left);
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
