using System.Text.Json;
using Superposition.OnnxModel.Chat;

namespace Superposition.OnnxModel.Folders;

/// <summary>
/// What the suite reads from a folder's tokenizer_config.json (optional; Hugging Face's names): the chat template,
/// the tokenizer class and the special tokens' settings, from which transformers decides what a text gets added
/// (<see cref="Tokenization.TransformersSpecialTokens"/>).
/// </summary>
/// <param name="ChatTemplate">chat_template (a string, or the "default" of a list of {name, template}), parsed; null when absent.</param>
/// <param name="AddBosToken">add_bos_token; null when absent (the tokenizer class's default then applies).</param>
/// <param name="BosToken">bos_token's text (a string, or an added token's "content"); null when absent.</param>
/// <param name="EosToken">eos_token's text; null when absent.</param>
/// <param name="AddEosToken">add_eos_token; null when absent.</param>
/// <param name="TokenizerClass">tokenizer_class (e.g. "LlamaTokenizer", "PreTrainedTokenizerFast"); null when absent.</param>
public sealed record TokenizerConfig(JinjaTemplate? ChatTemplate, bool? AddBosToken, string? BosToken, string? EosToken, bool? AddEosToken = null, string? TokenizerClass = null)
{
    public const string FileName = "tokenizer_config.json";

    /// <summary>A folder without the file: no template, no settings.</summary>
    public static readonly TokenizerConfig None = new(null, null, null, null);

    /// <summary>
    /// Reads the folder's tokenizer_config.json, if there is one. A malformed file, or a chat template outside the
    /// supported Jinja subset, fails with a <see cref="ModelFolderException"/> naming the file and the construct.
    /// </summary>
    public static TokenizerConfig Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return None;
        }

        using (var document = FolderJson.ReadObject(path))
        {
            var root = document.RootElement;

            return new TokenizerConfig(
                Template(path, root),
                Flag(path, root, "add_bos_token"),
                Token(path, root, "bos_token"),
                Token(path, root, "eos_token"),
                Flag(path, root, "add_eos_token"),
                root.TryGetProperty("tokenizer_class", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null);
        }
    }

    private static bool? Flag(string path, JsonElement root, string key) =>
        !root.TryGetProperty(key, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw new ModelFolderException(path, $"'{key}' is {value.GetRawText()}; expected true or false"),
        };

    private static JinjaTemplate? Template(string path, JsonElement root)
    {
        if (!root.TryGetProperty("chat_template", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string source;
        if (value.ValueKind == JsonValueKind.String)
        {
            source = value.GetString()!;
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            // Several named templates (e.g. "default", "tool_use"): chat uses "default", as transformers does.
            var named = value.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && t.TryGetProperty("template", out var s) && s.ValueKind == JsonValueKind.String)
                .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("template").GetString()!, StringComparer.Ordinal);
            source = named.TryGetValue("default", out var d) ? d
                : throw new ModelFolderException(path, $"'chat_template' lists templates named {string.Join(", ", named.Keys.Select(k => $"'{k}'"))} but none named 'default'");
        }
        else
        {
            throw new ModelFolderException(path, $"'chat_template' is {value.ValueKind}; expected a string or a list of {{name, template}}");
        }

        try
        {
            return JinjaTemplate.Parse(source);
        }
        catch (JinjaSyntaxException e)
        {
            throw new ModelFolderException(path, $"chat_template: {e.Message}", e);
        }
    }

    // A special token as a string, or as an added token {"content": ...}.
    private static string? Token(string path, JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String => content.GetString(),
            _ => throw new ModelFolderException(path, $"'{key}' is {value.GetRawText()}; expected a string or an object with 'content'"),
        };
    }
}
