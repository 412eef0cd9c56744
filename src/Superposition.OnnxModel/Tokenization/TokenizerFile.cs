using System.Text.Encodings.Web;
using System.Text.Json;
using Superposition.OnnxModel.Folders;

namespace Superposition.OnnxModel.Tokenization;

/// <summary>
/// What the suite reads of a folder's tokenizer: tokenizer.json (Hugging Face tokenizers' format), or GPT-2's
/// vocab.json + merges.txt turned into the tokenizer.json that transformers builds from them. The BPE model is
/// required (other model types fail naming the file and the type); every token's string (vocabulary entry or added
/// token), which added tokens are special, the decoder and the post-processor's template are read here, and
/// <see cref="NativeJson"/> is the file as the native library loads it.
/// </summary>
/// <param name="File">The file read (tokenizer.json or vocab.json), for messages.</param>
/// <param name="Tokens">Token id → its string (null for an id the tokenizer does not name).</param>
/// <param name="Special">Token id → whether it is a special added token (skipped by decoding with skip_special_tokens).</param>
/// <param name="Ids">Token string → id (added tokens over vocabulary entries, as the library looks them up).</param>
/// <param name="Decoder">The decoder.</param>
/// <param name="PostProcessor">The special tokens the post-processor puts around a text.</param>
/// <param name="NativeJson">
/// The tokenizer.json the native library loads: the file with no post_processor (the suite adds special tokens
/// itself, by transformers' rules), and no truncation or padding (transformers resets both on every call).
/// </param>
internal sealed record TokenizerFile(
    string File,
    IReadOnlyList<string?> Tokens,
    IReadOnlyList<bool> Special,
    IReadOnlyDictionary<string, int> Ids,
    TokenDecoder Decoder,
    SpecialTokenTemplate PostProcessor,
    byte[] NativeJson)
{
    // GPT-2's vocab.json lists its special tokens among the others; transformers adds them as special tokens.
    private static readonly System.Text.RegularExpressions.Regex SpecialShape = new(@"^<\|[^|]+\|>$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly JsonWriterOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads tokenizer.json.</summary>
    public static TokenizerFile FromTokenizerJson(string file)
    {
        var bytes = System.IO.File.ReadAllBytes(file);
        using var document = Parse(file, bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFolderException(file, "has no 'model' object");
        }

        var type = model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
            : model.TryGetProperty("merges", out _) ? "BPE" : "(none)";
        if (type != "BPE")
        {
            throw new ModelFolderException(file, $"unsupported tokenizer model '{type}' (supported: BPE, byte-level as GPT-2, Llama 3 and Qwen2, or SentencePiece-style as Mistral and Llama 2)");
        }

        if (!model.TryGetProperty("vocab", out var vocab))
        {
            throw new ModelFolderException(file, "the BPE model has no 'vocab'");
        }

        var vocabulary = ReadVocabulary(file, vocab);
        var added = new List<(string Content, int Id, bool Special)>();
        if (root.TryGetProperty("added_tokens", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in list.EnumerateArray())
            {
                if (!token.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String
                    || !token.TryGetProperty("id", out var id) || !id.TryGetInt32(out var n) || n < 0)
                {
                    throw new ModelFolderException(file, $"added token {token.GetRawText()} needs a 'content' string and a non-negative 'id'");
                }

                added.Add((content.GetString()!, n, token.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True));
            }
        }

        var native = Rewrite(root);
        return Build(file, vocabulary, added, TokenDecoder.Read(file, root), SpecialTokenTemplate.FromPostProcessor(file, root), native);
    }

    /// <summary>
    /// Reads vocab.json + merges.txt as transformers' GPT-2 tokenizer does: ByteLevel pre-tokenizer (GPT-2's regex, no
    /// prefix space), BPE over the byte-level alphabet, ByteLevel decoder, nothing added around a text; vocabulary
    /// entries shaped &lt;|…|&gt; are special tokens.
    /// </summary>
    public static TokenizerFile FromVocabularyAndMerges(string vocabularyFile, string mergesFile)
    {
        using var document = Parse(vocabularyFile, System.IO.File.ReadAllBytes(vocabularyFile));
        var vocabulary = ReadVocabulary(vocabularyFile, document.RootElement);
        var merges = System.IO.File.ReadAllLines(mergesFile)
            .Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal))
            .ToList();
        var bad = merges.FindIndex(m => m.Split(' ').Length != 2);
        if (bad >= 0)
        {
            throw new ModelFolderException(mergesFile, $"merge {bad + 1} is '{merges[bad]}'; expected two tokens separated by one space");
        }

        var specials = vocabulary.Where(p => SpecialShape.IsMatch(p.Key)).OrderBy(p => p.Value).ToList();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Writing))
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteNull("truncation");
            w.WriteNull("padding");
            w.WriteStartArray("added_tokens");
            foreach (var (content, id) in specials)
            {
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteString("content", content);
                w.WriteBoolean("single_word", false);
                w.WriteBoolean("lstrip", false);
                w.WriteBoolean("rstrip", false);
                w.WriteBoolean("normalized", true);
                w.WriteBoolean("special", true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNull("normalizer");
            w.WriteStartObject("pre_tokenizer");
            w.WriteString("type", "ByteLevel");
            w.WriteBoolean("add_prefix_space", false);
            w.WriteBoolean("trim_offsets", true);
            w.WriteBoolean("use_regex", true);
            w.WriteEndObject();
            w.WriteNull("post_processor");
            w.WriteStartObject("decoder");
            w.WriteString("type", "ByteLevel");
            w.WriteBoolean("add_prefix_space", true);
            w.WriteBoolean("trim_offsets", true);
            w.WriteBoolean("use_regex", true);
            w.WriteEndObject();
            w.WriteStartObject("model");
            w.WriteString("type", "BPE");
            w.WriteNull("dropout");
            w.WriteNull("unk_token");
            w.WriteString("continuing_subword_prefix", string.Empty);
            w.WriteString("end_of_word_suffix", string.Empty);
            w.WriteBoolean("fuse_unk", false);
            w.WriteBoolean("byte_fallback", false);
            w.WriteBoolean("ignore_merges", false);
            w.WriteStartObject("vocab");
            foreach (var (token, id) in vocabulary)
            {
                w.WriteNumber(token, id);
            }

            w.WriteEndObject();
            w.WriteStartArray("merges");
            foreach (var merge in merges)
            {
                w.WriteStringValue(merge);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        using var decoder = JsonDocument.Parse("""{"decoder": {"type": "ByteLevel"}}""");
        return Build(vocabularyFile, vocabulary, [.. specials.Select(p => (p.Key, p.Value, true))], TokenDecoder.Read(vocabularyFile, decoder.RootElement), SpecialTokenTemplate.None("GPT-2's vocab.json and merges.txt"), stream.ToArray());
    }

    private static TokenizerFile Build(string file, Dictionary<string, int> vocabulary, List<(string Content, int Id, bool Special)> added, TokenDecoder decoder, SpecialTokenTemplate template, byte[] native)
    {
        var size = Math.Max(vocabulary.Values.Max(), added.Select(a => a.Id).DefaultIfEmpty(-1).Max()) + 1;
        var tokens = new string?[size];
        var special = new bool[size];
        var ids = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        foreach (var (token, id) in vocabulary)
        {
            tokens[id] = token;
        }

        // The library looks an id up among the added tokens first.
        foreach (var (content, id, isSpecial) in added)
        {
            tokens[id] = content;
            special[id] = isSpecial;
            ids[content] = id;
        }

        foreach (var id in template.Before.Concat(template.After))
        {
            if (id >= size || tokens[id] is null)
            {
                throw new ModelFolderException(file, $"the post_processor adds token {id}, which the tokenizer does not have");
            }
        }

        return new TokenizerFile(file, tokens, special, ids, decoder, template, native);
    }

    // The file with post_processor, truncation and padding set to null, every other property as it was.
    private static byte[] Rewrite(JsonElement root)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Writing))
        {
            w.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("post_processor") || property.NameEquals("truncation") || property.NameEquals("padding"))
                {
                    w.WriteNull(property.Name);
                }
                else
                {
                    property.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
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

    private static JsonDocument Parse(string file, byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new ModelFolderException(file, $"not valid JSON ({e.Message})", e);
        }
    }
}
