using System.Text;
using BitFaster.Caching.Lru;
using Microsoft.ML.Tokenizers;
using Superposition.LanguageModels;
using Superposition.Tasks;

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// The reference models' tokeniser: OpenAI's o200k_base BPE (Microsoft.ML.Tokenizers), applied segment by
/// segment. A text is cut before and after every run of line breaks and right after the first separator of each
/// line ("->" or "="), and each segment is encoded alone. So a prompt ending in a separator always tokenises as
/// a prefix of prompt + answer + "\n", and an answer's tokens never depend on the prompt before it. Thread-safe.
/// </summary>
public sealed class ReferenceTokenizer : ITokenizer
{
    private const int SegmentCacheCapacity = 65_536;

    private static readonly Lazy<ReferenceTokenizer> SharedInstance = new(() => new ReferenceTokenizer());

    private readonly TiktokenTokenizer _bpe;
    private readonly byte[][] _bytes;
    private readonly string[] _texts;
    private readonly string[] _separators;
    // Segments (questions, answers, separators) recur across prompts; BPE-encoding them again is the costly part.
    private readonly FastConcurrentLru<string, int[]> _segments = new(Environment.ProcessorCount, SegmentCacheCapacity, StringComparer.Ordinal);

    private ReferenceTokenizer()
    {
        _bpe = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var specials = _bpe.SpecialTokens ?? new Dictionary<string, int>();
        EndOfText = specials["<|endoftext|>"];
        var ranks = TiktokenRanks.Load("Microsoft.ML.Tokenizers.Data.O200kBase");
        var size = Math.Max(ranks.Keys.Max() + 1, specials.Values.Max() + 1);
        _bytes = new byte[size][];
        foreach (var (rank, bytes) in ranks)
        {
            _bytes[rank] = bytes;
        }

        foreach (var (text, id) in specials)
        {
            _bytes[id] = Encoding.UTF8.GetBytes(text);
        }

        _texts = new string[size];
        for (var id = 0; id < size; id++)
        {
            _texts[id] = _bytes[id] is { } b ? TokenText.Of(b) : string.Empty;
        }

        Newline = Encode("\n")[0];
        _separators = [.. TaskLibrary.Families.Select(f => f.Separator).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The process-wide instance (the vocabulary takes a few hundred milliseconds to load).</summary>
    public static ReferenceTokenizer Shared => SharedInstance.Value;

    /// <summary>Name of the BPE encoding.</summary>
    public static string EncodingName => "o200k_base";

    /// <summary>The end-of-text token (never part of a returned text).</summary>
    public int EndOfText { get; }

    /// <summary>The token of a single "\n".</summary>
    public int Newline { get; }

    /// <summary>One more than the largest token id.</summary>
    public int VocabularySize => _bytes.Length;

    /// <summary>The separators at which a line is cut (those of the task library's families).</summary>
    public IReadOnlyList<string> Separators => _separators;

    public bool IsValid(int id) => id >= 0 && id < _bytes.Length && _bytes[id] is not null;

    /// <summary>The raw bytes of a token (a token may hold part of a UTF-8 character).</summary>
    public ReadOnlySpan<byte> Bytes(int id) => _bytes[id];

    /// <summary>
    /// The token as a string: its UTF-8 text, or, where its bytes are not valid UTF-8 alone, "bytes:" followed by
    /// \xNN escapes (OpenAI's convention for partial characters).
    /// </summary>
    public string Text(int id) => _texts[id];

    /// <summary>Encodes a text segment by segment (see the class summary).</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        var i = 0;
        while (i < text.Length)
        {
            var j = i;
            if (IsBreak(text[i]))
            {
                while (j < text.Length && IsBreak(text[j]))
                {
                    j++;
                }

                ids.AddRange(Segment(text[i..j]));
                i = j;
                continue;
            }

            while (j < text.Length && !IsBreak(text[j]))
            {
                j++;
            }

            var line = text.AsSpan(i, j - i);
            var cut = SeparatorEnd(line);
            if (cut > 0 && cut < line.Length)
            {
                ids.AddRange(Segment(text.Substring(i, cut)));
                ids.AddRange(Segment(text.Substring(i + cut, j - i - cut)));
            }
            else
            {
                ids.AddRange(Segment(text[i..j]));
            }

            i = j;
        }

        return [.. ids];
    }

    /// <summary>The text of a token sequence (invalid UTF-8 becomes U+FFFD, as in every detokeniser).</summary>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var bytes = new List<byte>(ids.Length * 4);
        foreach (var id in ids)
        {
            bytes.AddRange(_bytes[id]);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>End of the first separator in a line (chars), or -1 when the line has none.</summary>
    public int SeparatorEnd(ReadOnlySpan<char> line) => SeparatorEnd(line, out _);

    /// <summary>End of the first separator in a line (chars), and the separator; -1 when the line has none.</summary>
    public int SeparatorEnd(ReadOnlySpan<char> line, out string separator)
    {
        var best = -1;
        var bestEnd = -1;
        separator = string.Empty;
        foreach (var sep in _separators)
        {
            var at = line.IndexOf(sep, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best))
            {
                best = at;
                bestEnd = at + sep.Length;
                separator = sep;
            }
        }

        return bestEnd;
    }

    /// <summary>End of the first separator in a line of UTF-8 bytes, and the separator; -1 when none.</summary>
    internal int SeparatorEnd(ReadOnlySpan<byte> line, out string separator)
    {
        var best = -1;
        var bestEnd = -1;
        separator = string.Empty;
        foreach (var sep in _separators)
        {
            var at = line.IndexOf(Encoding.UTF8.GetBytes(sep));
            if (at >= 0 && (best < 0 || at < best))
            {
                best = at;
                bestEnd = at + sep.Length;
                separator = sep;
            }
        }

        return bestEnd;
    }

    internal static bool IsBreak(char c) => c is '\n' or '\r';

    private int[] Segment(string segment) =>
        _segments.GetOrAdd(segment, static (text, bpe) => [.. bpe.EncodeToIds(text)], _bpe);
}
