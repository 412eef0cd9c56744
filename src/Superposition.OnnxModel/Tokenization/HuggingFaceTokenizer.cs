using Superposition.LanguageModels;
using Superposition.OnnxModel.Folders;
using NativeTokenizer = Tokenizers.DotNet.Tokenizer;

namespace Superposition.OnnxModel.Tokenization;

/// <summary>
/// A model folder's tokenizer, giving the ids Hugging Face gives. Encoding runs Hugging Face's tokenizers library
/// itself (the Rust crate, through Tokenizers.DotNet): normalizers, pre-tokenizers, the BPE model (byte fallback,
/// ignore_merges, fuse_unk) and added tokens exactly as the library runs them. The special tokens around a text are
/// added as transformers adds them (<see cref="TransformersSpecialTokens"/>), decoding runs tokenizer.json's decoder
/// (<see cref="TokenDecoder"/>), and every token's raw bytes are those it adds to a text, so that partial UTF-8
/// tokens display as OpenAI's servers show them. Everything is checked at load: a folder that loads scores.
/// Thread-safe.
/// </summary>
public sealed class HuggingFaceTokenizer : ITokenizer, IDisposable
{
    private readonly NativeTokenizer _native;
    private readonly TokenizerFile _file;
    private readonly byte[]?[] _bytes;
    private readonly string[] _texts;

    private HuggingFaceTokenizer(NativeTokenizer native, TokenizerFile file, SpecialTokenTemplate specialTokens, int endOfText)
    {
        _native = native;
        _file = file;
        SpecialTokens = specialTokens;
        EndOfText = endOfText;
        _bytes = [.. file.Tokens.Select(t => t is null ? null : file.Decoder.InContextBytes(t))];
        _texts = [.. _bytes.Select(b => b is null ? string.Empty : TokenText.Of(b))];
    }

    /// <summary>One more than the largest token id of the vocabulary and its added tokens.</summary>
    public int VocabularySize => _bytes.Length;

    public int EndOfText { get; }

    /// <summary>The special tokens put around a text when special tokens are added, and where that rule came from.</summary>
    public SpecialTokenTemplate SpecialTokens { get; }

    /// <summary>The file the tokenizer was read from (tokenizer.json or vocab.json).</summary>
    public string File => _file.File;

    /// <summary>
    /// Reads the tokenizer of a folder: tokenizer.json, else vocab.json + merges.txt; tokenizer_config.json for the
    /// special-token rules and the end of text. <paramref name="config"/> is config.json's, when the folder is a model's;
    /// <paramref name="tokenizerConfig"/> the folder's tokenizer_config.json when the caller has read it already.
    /// Every problem fails here with a <see cref="ModelFolderException"/> naming the file.
    /// </summary>
    public static HuggingFaceTokenizer Load(string directory, ModelConfig? config = null, TokenizerConfig? tokenizerConfig = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var json = Path.Combine(directory, ModelFolder.TokenizerJsonFile);
        var vocabulary = Path.Combine(directory, ModelFolder.VocabularyFile);
        var file = System.IO.File.Exists(json) ? TokenizerFile.FromTokenizerJson(json)
            : System.IO.File.Exists(vocabulary) ? TokenizerFile.FromVocabularyAndMerges(vocabulary, Path.Combine(directory, ModelFolder.MergesFile))
            : throw new ModelFolderException(json, $"missing, and so is {ModelFolder.VocabularyFile}: the folder needs a tokenizer ({ModelFolder.TokenizerJsonFile}, or {ModelFolder.VocabularyFile} with {ModelFolder.MergesFile})");
        tokenizerConfig ??= TokenizerConfig.Read(directory);
        var specials = TransformersSpecialTokens.Resolve(file, tokenizerConfig, Path.Combine(directory, TokenizerConfig.FileName));
        var endOfText = EndOfTextOf(file, tokenizerConfig, config);
        var native = OpenNative(file);
        return new HuggingFaceTokenizer(native, file, specials, endOfText);
    }

    public bool IsValid(int id) => id >= 0 && id < _bytes.Length && _bytes[id] is not null;

    /// <summary>The ids of a text without special tokens added (add_special_tokens=False); special tokens written in the text are matched.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        uint[] ids;
        try
        {
            ids = _native.Encode(text);
        }
        catch (Tokenizers.DotNet.TokenizerException e)
        {
            throw new ArgumentException($"{Path.GetFileName(File)} cannot encode the text: {e.Message}", nameof(text), e);
        }

        var result = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            result[i] = checked((int)ids[i]);
        }

        return result;
    }

    /// <summary>The ids of a text, with the special tokens transformers adds when <paramref name="addSpecialTokens"/> (its default).</summary>
    public int[] Encode(string text, bool addSpecialTokens) => addSpecialTokens ? SpecialTokens.Around(Encode(text)) : Encode(text);

    public int[] WithSpecialTokens(int[] ids) => SpecialTokens.Around(ids);

    /// <summary>The text of token ids as the tokenizer's decoder gives it, special tokens included (transformers' and vLLM's default).</summary>
    public string Decode(ReadOnlySpan<int> ids) => Decode(ids, skipSpecialTokens: false);

    /// <summary>The text of token ids as the tokenizer's decoder gives it; ids the tokenizer does not name are left out, as the library does.</summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens)
    {
        var tokens = new List<string>(ids.Length);
        foreach (var id in ids)
        {
            if (IsValid(id) && !(skipSpecialTokens && _file.Special[id]))
            {
                tokens.Add(_file.Tokens[id]!);
            }
        }

        return _file.Decoder.Decode(tokens);
    }

    /// <summary>The raw bytes the token adds to a text (where it is not the first); empty for an id the vocabulary does not name.</summary>
    public ReadOnlySpan<byte> Bytes(int id) => IsValid(id) ? _bytes[id] : [];

    public string Text(int id) => IsValid(id) ? _texts[id] : string.Empty;

    /// <summary>The id of a token string (an added token's content or a vocabulary entry); null when the tokenizer has none.</summary>
    public int? IdOf(string token) => _file.Ids.TryGetValue(token, out var id) ? id : null;

    public void Dispose() => _native.Dispose();

    // config.json's eos_token_id, else tokenizer_config.json's eos_token, else <|endoftext|>.
    private static int EndOfTextOf(TokenizerFile file, TokenizerConfig tokenizerConfig, ModelConfig? config)
    {
        if (config?.EndOfText is { } id)
        {
            return id < file.Tokens.Count && file.Tokens[id] is not null ? id
                : throw new ModelFolderException(file.File, $"has no token {id}, config.json's eos_token_id");
        }

        if (tokenizerConfig.EosToken is { } eos)
        {
            return file.Ids.TryGetValue(eos, out var e) ? e
                : throw new ModelFolderException(file.File, $"has no token '{eos}', tokenizer_config.json's eos_token");
        }

        return file.Ids.TryGetValue("<|endoftext|>", out var end) ? end
            : throw new ModelFolderException(file.File, "has no <|endoftext|> token, and neither config.json's eos_token_id nor tokenizer_config.json's eos_token names the end of text");
    }

    // The library reads a file; the canonical copy lives only while it loads.
    private static NativeTokenizer OpenNative(TokenizerFile file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"superposition-tokenizer-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllBytes(path, file.NativeJson);
        try
        {
            return new NativeTokenizer(path);
        }
        catch (Tokenizers.DotNet.TokenizerException e)
        {
            throw new ModelFolderException(file.File, $"Hugging Face's tokenizers library cannot load it ({e.Message.Replace(path, Path.GetFileName(file.File), StringComparison.Ordinal)})", e);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException)
        {
            throw new ModelFolderException(file.File, $"Hugging Face's tokenizers library (the native part of Tokenizers.DotNet) does not load on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}: {e.Message}. The suite ships it for linux-x64 (docs/models.md, \"Tokenizers\")", e);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
