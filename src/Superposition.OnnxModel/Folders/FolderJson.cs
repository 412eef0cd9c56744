using System.Text.Json;

namespace Superposition.OnnxModel.Folders;

/// <summary>A model folder's JSON file (config.json, tokenizer_config.json), whose root must be an object.</summary>
internal static class FolderJson
{
    /// <summary>Parses the file; malformed JSON or another root fails with a <see cref="ModelFolderException"/> naming it.</summary>
    public static JsonDocument ReadObject(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new ModelFolderException(path, $"not valid JSON ({e.Message})", e);
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ModelFolderException(path, $"expected a JSON object, found {kind}");
        }

        return document;
    }
}
