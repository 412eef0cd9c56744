using System.Text.Json;

namespace Superposition.OnnxModel.Folders;

/// <summary>
/// What the suite reads from a model folder's config.json (Hugging Face's names). bos_token_id is not read: the
/// special tokens of a text come from the tokenizer's files, as in transformers (<see cref="Tokenization.TransformersSpecialTokens"/>).
/// </summary>
/// <param name="VocabularySize">vocab_size: the logits dimension the model was made with; null when absent.</param>
/// <param name="ContextLength">n_positions, max_position_embeddings or n_ctx; <see cref="int.MaxValue"/> when none is given.</param>
/// <param name="EndOfText">eos_token_id (the first one where a list is given); null when absent.</param>
public sealed record ModelConfig(int? VocabularySize, int ContextLength, int? EndOfText)
{
    private static readonly string[] ContextKeys = ["n_positions", "max_position_embeddings", "n_ctx"];

    /// <summary>Reads config.json; a malformed file fails with a <see cref="ModelFolderException"/> naming it.</summary>
    public static ModelConfig Read(string path)
    {
        using (var document = FolderJson.ReadObject(path))
        {
            var root = document.RootElement;

            int? context = null;
            foreach (var key in ContextKeys)
            {
                if (context is null && Integer(path, root, key) is { } n)
                {
                    context = n;
                }
            }

            return new ModelConfig(Integer(path, root, "vocab_size"), context ?? int.MaxValue, Integer(path, root, "eos_token_id"));
        }
    }

    // A positive integer, the first of a list (eos_token_id may list several), or null when absent or null.
    private static int? Integer(string path, JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            value = value[0];
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < 0)
        {
            throw new ModelFolderException(path, $"'{key}' is {value.GetRawText()}; expected a non-negative integer");
        }

        return n;
    }
}
