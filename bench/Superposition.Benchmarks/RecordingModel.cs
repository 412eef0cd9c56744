using System.Collections.Concurrent;
using Superposition.LanguageModels;

namespace Superposition.Benchmarks;

/// <summary>
/// A served model that keeps the batches the protocol server asks it to score while <see cref="Recording"/> is on:
/// the ONNX benchmark replays exactly those batches on the model layer and on the bare session.
/// </summary>
internal sealed class RecordingModel(ILanguageModel inner) : ILanguageModel
{
    private readonly ConcurrentQueue<IReadOnlyList<IReadOnlyList<int>>> _batches = new();

    public bool Recording { get; set; }

    public IReadOnlyList<IReadOnlyList<IReadOnlyList<int>>> Batches => [.. _batches];

    public string Name => inner.Name;

    public ITokenizer Tokenizer => inner.Tokenizer;

    public int ContextLength => inner.ContextLength;

    public IReadOnlyList<ScoredSequence> Score(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        if (Recording)
        {
            _batches.Enqueue([.. sequences.Select(s => (IReadOnlyList<int>)[.. s])]);
        }

        return inner.Score(sequences);
    }
}
