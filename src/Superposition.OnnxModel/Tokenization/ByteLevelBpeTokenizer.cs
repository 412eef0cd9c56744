using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using Superposition.LanguageModels;
using Superposition.OnnxModel.Folders;

namespace Superposition.OnnxModel.Tokenization;

/// <summary>
/// A model folder's byte-level BPE tokenizer (GPT-2's kind): encoding by Microsoft.ML.Tokenizers' BPE in byte-level
/// mode with the folder's pre-tokenizer pattern and special tokens; every token's raw bytes from the byte-level
/// alphabet, so that partial UTF-8 tokens decode and display as OpenAI's servers do. Thread-safe.
/// </summary>
public sealed class ByteLevelBpeTokenizer : ITokenizer
{
    private readonly BpeTokenizer _bpe;
    private readonly byte[]?[] _bytes;
    private readonly string[] _texts;

    private ByteLevelBpeTokenizer(BpeTokenizer bpe, byte[]?[] bytes, int endOfText)
    {
        _bpe = bpe;
        _bytes = bytes;
        _texts = [.. bytes.Select(b => b is null ? string.Empty : TokenText.Of(b))];
        EndOfText = endOfText;
    }

    /// <summary>One more than the largest token id of the vocabulary and its special tokens.</summary>
    public int VocabularySize => _bytes.Length;

    public int EndOfText { get; }

    /// <summary>The BOS token put before a text prompt (tokenizer_config.json's add_bos_token); null when none is added.</summary>
    public int? BeginningOfText { get; private init; }

    /// <summary>The file the tokenizer was read from (tokenizer.json or vocab.json).</summary>
    public string File { get; private init; } = string.Empty;

    /// <summary>
    /// Reads the folder's tokenizer. <paramref name="endOfText"/> is config.json's eos_token_id; without one the
    /// tokenizer's &lt;|endoftext|&gt; is used. A tokenizer that is not byte-level BPE fails naming its file.
    /// Where <paramref name="tokenizerConfig"/> sets add_bos_token, the BOS id is its bos_token's id in the
    /// tokenizer, else <paramref name="bosTokenId"/> (config.json's bos_token_id); neither is a load error.
    /// </summary>
    public static ByteLevelBpeTokenizer Load(ModelFolder folder, int? endOfText, TokenizerConfig? tokenizerConfig = null, int? bosTokenId = null)
    {
        var definition = TokenizerDefinition.Read(folder);
        var file = definition.File;
        var size = Math.Max(definition.Vocabulary.Values.Max(), definition.SpecialTokens.Values.DefaultIfEmpty(-1).Max()) + 1;
        var bytes = new byte[]?[size];
        foreach (var (token, id) in definition.Vocabulary)
        {
            if (definition.SpecialTokens.ContainsKey(token))
            {
                continue;
            }

            // A character outside the byte-level alphabet: a BPE over text (e.g. SentencePiece's '▁'), not over bytes.
            bytes[id] = ByteLevelAlphabet.TryDecode(token, out var raw)
                ? raw
                : throw new ModelFolderException(file, $"token '{token}' (id {id}) is not in the byte-level alphabet; only byte-level BPE tokenizers (GPT-2's kind) are supported");
        }

        foreach (var (token, id) in definition.SpecialTokens)
        {
            bytes[id] = Encoding.UTF8.GetBytes(token);
        }

        var eot = endOfText ?? (definition.SpecialTokens.TryGetValue("<|endoftext|>", out var e) ? e
            : throw new ModelFolderException(file, "has no <|endoftext|> token and config.json gives no eos_token_id"));
        if (eot >= size || bytes[eot] is null)
        {
            throw new ModelFolderException(file, $"has no token {eot}, config.json's eos_token_id");
        }

        BpeTokenizer bpe;
        try
        {
            var specials = definition.SpecialTokens.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            bpe = BpeTokenizer.Create(new BpeOptions(definition.Vocabulary)
            {
                Merges = definition.Merges,
                ByteLevel = true,
                SpecialTokens = specials,
                PreTokenizer = new RegexPreTokenizer(new Regex(definition.Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant), specials),
            });
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new ModelFolderException(file, $"Microsoft.ML.Tokenizers cannot build a BPE tokenizer from it ({ex.Message})", ex);
        }

        int? bos = null;
        if (tokenizerConfig is { AddBosToken: true })
        {
            bos = tokenizerConfig.BosToken is { } text && (definition.SpecialTokens.TryGetValue(text, out var special) || definition.Vocabulary.TryGetValue(text, out special))
                ? special
                : bosTokenId ?? throw new ModelFolderException(
                    Path.Combine(folder.Directory, TokenizerConfig.FileName),
                    $"add_bos_token is true but bos_token {(tokenizerConfig.BosToken is null ? "is not set" : $"'{tokenizerConfig.BosToken}' is not a token of {Path.GetFileName(file)}")} and config.json gives no bos_token_id");
            if (bos >= size || bytes[bos.Value] is null)
            {
                throw new ModelFolderException(file, $"has no token {bos}, the BOS token");
            }
        }

        return new ByteLevelBpeTokenizer(bpe, bytes, eot) { File = file, BeginningOfText = bos };
    }

    public bool IsValid(int id) => id >= 0 && id < _bytes.Length && _bytes[id] is not null;

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. _bpe.EncodeToIds(text)];
    }

    public string Decode(ReadOnlySpan<int> ids)
    {
        var bytes = new List<byte>(ids.Length * 4);
        foreach (var id in ids)
        {
            bytes.AddRange(Bytes(id));
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>The token's raw bytes; empty for an id the vocabulary does not name (a logits row may be wider).</summary>
    public ReadOnlySpan<byte> Bytes(int id) => IsValid(id) ? _bytes[id] : [];

    public string Text(int id) => IsValid(id) ? _texts[id] : string.Empty;
}
