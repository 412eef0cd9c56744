using System.Text;
using Superposition.LanguageModels;

namespace Superposition.Testing;

/// <summary>
/// A language model that is not a reference model, small enough to check by hand: tokens are the 256 bytes plus
/// an end of text (256); after byte t the next token is t + 1 (mod 256) with probability 1/2, t again with 1/4,
/// and the end of text with 1/4. Its support is listed by token id, not most likely first, as a dense model's
/// would be, so the server cannot rely on the reference models' order. Proves the protocol server is generic.
/// </summary>
public sealed class ByteBigramModel : ILanguageModel
{
    /// <summary>The served name.</summary>
    public const string ModelName = "tiny-bigram";

    public const double Next = 0.5;

    public const double Same = 0.25;

    public const double End = 0.25;

    public string Name => ModelName;

    public ITokenizer Tokenizer { get; } = new ByteTokenizer();

    public int ContextLength => 1024;

    public IReadOnlyList<ScoredSequence> Score(IReadOnlyList<IReadOnlyList<int>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return [.. sequences.Select(ids =>
        {
            var tokens = new ScoredToken[ids.Count];
            for (var t = 0; t < ids.Count; t++)
            {
                var before = t == 0 ? null : new BigramState(ids[t - 1]);
                tokens[t] = new ScoredToken(ids[t], before is null ? null : Logprobs.Of(before.ProbabilityOf(ids[t])), before);
            }

            return new ScoredSequence(tokens, new BigramState(ids[^1]));
        })];
    }

    /// <summary>P(text[i] | text[i-1]) multiplied along a text's bytes after its first.</summary>
    public static double Probability(string previous, string continuation)
    {
        var bytes = Encoding.UTF8.GetBytes(previous[^1..] + continuation);
        var p = 1.0;
        for (var i = 1; i < bytes.Length; i++)
        {
            p *= new BigramState(bytes[i - 1]).ProbabilityOf(bytes[i]);
        }

        return p;
    }

    private sealed class BigramState(int last) : IGenerationState, INextTokenDistribution
    {
        private readonly NextToken[] _support = Support(last);

        public INextTokenDistribution Distribution => this;

        ReadOnlySpan<NextToken> INextTokenDistribution.Support => _support;

        public bool TryAdvance(int token, out IGenerationState next)
        {
            next = new BigramState(token);
            return token != ByteTokenizer.EndOfTextId;
        }

        public double ProbabilityOf(int token) => _support.FirstOrDefault(n => n.Token == token).Probability;

        public int RankOf(int token)
        {
            var sorted = Sorted();
            var i = Array.FindIndex(sorted, n => n.Token == token);
            return i < 0 ? sorted.Length + 1 : i + 1;
        }

        public int Top(Span<NextToken> destination)
        {
            var sorted = Sorted();
            var count = Math.Min(destination.Length, sorted.Length);
            sorted.AsSpan(0, count).CopyTo(destination);
            return count;
        }

        private NextToken[] Sorted() =>
            [.. _support.OrderByDescending(n => n.Probability).ThenBy(n => n.Token)];

        // By token id; the end of text (256) last. After the end of text nothing follows.
        private static NextToken[] Support(int last) =>
            last == ByteTokenizer.EndOfTextId
                ? []
                : [.. new[] { new NextToken(last, Same), new NextToken((last + 1) % 256, Next), new NextToken(ByteTokenizer.EndOfTextId, End) }.OrderBy(n => n.Token)];
    }
}

/// <summary>One token per UTF-8 byte, and an end of text.</summary>
public sealed class ByteTokenizer : ITokenizer
{
    public const int EndOfTextId = 256;

    public int VocabularySize => 257;

    public int EndOfText => EndOfTextId;

    public bool IsValid(int id) => id is >= 0 and <= EndOfTextId;

    public int[] Encode(string text) => [.. Encoding.UTF8.GetBytes(text).Select(b => (int)b)];

    public string Decode(ReadOnlySpan<int> ids)
    {
        var bytes = new List<byte>(ids.Length);
        foreach (var id in ids)
        {
            if (id < EndOfTextId)
            {
                bytes.Add((byte)id);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    public ReadOnlySpan<byte> Bytes(int id) => id == EndOfTextId ? "<|end|>"u8 : new[] { (byte)id };

    public string Text(int id) => id == EndOfTextId ? "<|end|>" : id < 128 ? ((char)id).ToString() : $"bytes:\\x{id:x2}";
}

/// <summary>Serves <see cref="ByteBigramModel"/> alone; "tiny-bigram:..." is its name with parameters, which it has none of.</summary>
public sealed class ByteBigramCatalog : ILanguageModelCatalog
{
    private readonly ByteBigramModel _model = new();

    public IReadOnlyList<string> ServedNames { get; } = [ByteBigramModel.ModelName];

    public string NamesHint => ByteBigramModel.ModelName;

    public bool TryResolve(string name, out ILanguageModel model, out string? error)
    {
        model = _model;
        error = name.StartsWith(ByteBigramModel.ModelName + ":", StringComparison.Ordinal) ? $"Model '{name}': {ByteBigramModel.ModelName} takes no parameters." : null;
        return name == ByteBigramModel.ModelName;
    }
}
