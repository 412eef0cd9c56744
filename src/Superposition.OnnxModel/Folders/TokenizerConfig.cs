using System.Text.Json;
using Superposition.OnnxModel.Chat;

namespace Superposition.OnnxModel.Folders;

/// <summary>
/// What the suite reads from a folder's tokenizer_config.json (optional; Hugging Face's names): the chat template
/// and the beginning-of-text handling.
/// </summary>
/// <param name="ChatTemplate">chat_template (a string, or the "default" of a list of {name, template}), parsed; null when absent.</param>
/// <param name="AddBosToken">add_bos_token: whether a text prompt starts with the BOS token (false when absent, as GPT-2's).</param>
/// <param name="BosToken">bos_token's text (a string, or an added token's "content"); null when absent.</param>
/// <param name="EosToken">eos_token's text; null when absent.</param>
public sealed record TokenizerConfig(JinjaTemplate? ChatTemplate, bool AddBosToken, string? BosToken, string? EosToken)
{
    public const string FileName = "tokenizer_config.json";

    /// <summary>A folder without the file: no template, no BOS added.</summary>
    public static readonly TokenizerConfig None = new(null, false, null, null);

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

            var addBos = root.TryGetProperty("add_bos_token", out var add) && add.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False or JsonValueKind.Null => false,
                _ => throw new ModelFolderException(path, $"'add_bos_token' is {add.GetRawText()}; expected true or false"),
            };
            return new TokenizerConfig(Template(path, root), addBos, Token(path, root, "bos_token"), Token(path, root, "eos_token"));
        }
    }

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
