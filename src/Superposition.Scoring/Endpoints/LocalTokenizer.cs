using System.Collections.Concurrent;
using System.Text;
using Microsoft.ML.Tokenizers;
using Superposition.LanguageModels;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// OpenAI's BPE encodings (o200k_base, cl100k_base) run locally through Microsoft.ML.Tokenizers, with each
/// token's bytes (read from the data package, since the tokenizer keeps its byte table internal) so that chat
/// logprobs can be matched by bytes. Thread-safe; one instance per encoding per process.
/// </summary>
internal sealed class LocalTokenizer
{
    private static readonly ConcurrentDictionary<TokenizerKind, Lazy<LocalTokenizer>> Instances = new();

    private readonly TiktokenTokenizer _bpe;
    private readonly Dictionary<int, byte[]> _bytes;

    private LocalTokenizer(string encoding, string dataAssembly)
    {
        _bpe = TiktokenTokenizer.CreateForEncoding(encoding);
        _bytes = TiktokenRanks.Load(dataAssembly);
        Encoding = encoding;
    }

    public string Encoding { get; }

    public static LocalTokenizer For(TokenizerKind kind) => Instances.GetOrAdd(kind, k => new Lazy<LocalTokenizer>(() => k switch
    {
        TokenizerKind.O200kBase => new LocalTokenizer("o200k_base", "Microsoft.ML.Tokenizers.Data.O200kBase"),
        TokenizerKind.Cl100kBase => new LocalTokenizer("cl100k_base", "Microsoft.ML.Tokenizers.Data.Cl100kBase"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only o200k_base and cl100k_base run locally."),
    })).Value;

    public int[] Encode(string text) => [.. _bpe.EncodeToIds(text)];

    public CandidateToken Token(int id)
    {
        var bytes = _bytes.TryGetValue(id, out var b) ? b : System.Text.Encoding.UTF8.GetBytes(_bpe.Decode([id]) ?? string.Empty);
        return new CandidateToken(id, bytes, Display(bytes));
    }

    private static string? Display(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
