using System.Text.Json;
using System.Text.RegularExpressions;
using Superposition.OnnxModel.Folders;

namespace Superposition.OnnxModel.Tokenization;

/// <summary>
/// A byte-level BPE tokenizer as a folder describes it, read from tokenizer.json (Hugging Face tokenizers' format) or
/// from vocab.json + merges.txt (GPT-2's files). Anything else fails at load naming the file.
/// </summary>
/// <param name="File">The file the definition came from (tokenizer.json or vocab.json), for messages.</param>
/// <param name="Vocabulary">Token (in the byte-level alphabet) → id.</param>
/// <param name="Merges">The merges, highest priority first, as "left right".</param>
/// <param name="SpecialTokens">Tokens matched verbatim before BPE (added tokens such as &lt;|endoftext|&gt;) → id.</param>
/// <param name="Pattern">The pre-tokenizer's regular expression (GPT-2's unless the file gives its own).</param>
internal sealed record TokenizerDefinition(
    string File,
    IReadOnlyDictionary<string, int> Vocabulary,
    IReadOnlyList<string> Merges,
    IReadOnlyDictionary<string, int> SpecialTokens,
    string Pattern)
{
    /// <summary>GPT-2's pre-tokenizer pattern, the one a ByteLevel pre-tokenizer with use_regex applies.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    // GPT-2's vocab.json lists its special tokens among the others; they are matched verbatim, never merged.
    private static readonly Regex SpecialShape = new(@"^<\|[^|]+\|>$", RegexOptions.CultureInvariant);

    /// <summary>The folder's tokenizer definition.</summary>
    public static TokenizerDefinition Read(ModelFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return folder.TokenizerJson is { } json ? FromTokenizerJson(json) : FromVocabularyAndMerges(folder.Vocabulary!, folder.Merges!);
    }

    private static TokenizerDefinition FromVocabularyAndMerges(string vocabularyFile, string mergesFile)
    {
        using var document = Parse(vocabularyFile);
        var vocabulary = ReadVocabulary(vocabularyFile, document.RootElement);
        var merges = System.IO.File.ReadAllLines(mergesFile)
            .Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal))
            .ToList();
        CheckMerges(mergesFile, merges);
        var specials = vocabulary.Where(p => SpecialShape.IsMatch(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new TokenizerDefinition(vocabularyFile, vocabulary, merges, specials, Gpt2Pattern);
    }

    private static TokenizerDefinition FromTokenizerJson(string file)
    {
        using var document = Parse(file);
        var root = document.RootElement;
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFolderException(file, "has no 'model' object");
        }

        var type = model.TryGetProperty("type", out var t) ? t.GetString() : "BPE";
        if (type != "BPE")
        {
            throw new ModelFolderException(file, $"unsupported tokenizer model '{type}' (supported: BPE, byte-level)");
        }

        if (!model.TryGetProperty("vocab", out var vocab) || !model.TryGetProperty("merges", out var mergeList) || mergeList.ValueKind != JsonValueKind.Array)
        {
            throw new ModelFolderException(file, "the BPE model needs 'vocab' and 'merges'");
        }

        var vocabulary = ReadVocabulary(file, vocab);
        // Older files write a merge as "left right", newer ones as ["left", "right"].
        var merges = mergeList.EnumerateArray()
            .Select(m => m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2 ? $"{m[0].GetString()} {m[1].GetString()}" : m.GetString() ?? string.Empty)
            .ToList();
        CheckMerges(file, merges);
        var specials = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                if (token.TryGetProperty("content", out var content) && token.TryGetProperty("id", out var id) && id.TryGetInt32(out var n))
                {
                    specials[content.GetString()!] = n;
                }
            }
        }

        return new TokenizerDefinition(file, vocabulary, merges, specials, ReadPattern(file, root));
    }

    // Supported: ByteLevel (GPT-2's pattern), or a Split by a regex followed by ByteLevel without its own regex (Llama 3, Qwen).
    private static string ReadPattern(string file, JsonElement root)
    {
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFolderException(file, "unsupported tokenizer: no pre_tokenizer (supported: byte-level BPE, whose pre_tokenizer is ByteLevel)");
        }

        var type = pre.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "ByteLevel" && (!pre.TryGetProperty("use_regex", out var useRegex) || useRegex.ValueKind != JsonValueKind.False))
        {
            return Gpt2Pattern;
        }

        if (type == "Sequence" && pre.TryGetProperty("pretokenizers", out var steps) && steps.GetArrayLength() == 2
            && steps[0].TryGetProperty("type", out var first) && first.GetString() == "Split"
            && steps[0].TryGetProperty("pattern", out var pattern) && pattern.TryGetProperty("Regex", out var regex)
            && steps[1].TryGetProperty("type", out var second) && second.GetString() == "ByteLevel")
        {
            return regex.GetString()!;
        }

        throw new ModelFolderException(file, $"unsupported pre_tokenizer '{type}' (supported: ByteLevel, or Split by a regex then ByteLevel)");
    }

    private static Dictionary<string, int> ReadVocabulary(string file, JsonElement vocab)
    {
        if (vocab.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFolderException(file, $"the vocabulary is {vocab.ValueKind}; expected an object of token → id");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
        {
            if (!entry.Value.TryGetInt32(out var id) || id < 0)
            {
                throw new ModelFolderException(file, $"token '{entry.Name}' has id {entry.Value.GetRawText()}; expected a non-negative integer");
            }

            vocabulary[entry.Name] = id;
        }

        return vocabulary.Count > 0 ? vocabulary : throw new ModelFolderException(file, "the vocabulary is empty");
    }

    private static void CheckMerges(string file, List<string> merges)
    {
        var bad = merges.FindIndex(m => m.Split(' ').Length != 2);
        if (bad >= 0)
        {
            throw new ModelFolderException(file, $"merge {bad + 1} is '{merges[bad]}'; expected two tokens separated by one space");
        }
    }

    private static JsonDocument Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(System.IO.File.ReadAllBytes(file));
        }
        catch (JsonException e)
        {
            throw new ModelFolderException(file, $"not valid JSON ({e.Message})", e);
        }
    }
}
