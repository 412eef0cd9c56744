using System.Text.Json;
using Superposition.OnnxModel.Folders;

namespace Superposition.OnnxModel.Tokenization;

/// <summary>
/// The special tokens put around one text when special tokens are added (add_special_tokens=True): the ids before
/// it and after it. Read from tokenizer.json's "post_processor" as Hugging Face's tokenizers library applies it to a
/// single sequence (TemplateProcessing's "single" template, RobertaProcessing's and BertProcessing's cls/sep,
/// ByteLevel adding nothing, a Sequence applying each in turn), or built by transformers' rules from
/// tokenizer_config.json (<see cref="TransformersSpecialTokens"/>).
/// </summary>
/// <param name="Before">Ids put before the text's.</param>
/// <param name="After">Ids put after the text's.</param>
/// <param name="Source">Where the template came from, for docs and messages (e.g. "tokenizer.json's post_processor").</param>
public sealed record SpecialTokenTemplate(IReadOnlyList<int> Before, IReadOnlyList<int> After, string Source)
{
    /// <summary>Nothing added.</summary>
    public static SpecialTokenTemplate None(string source) => new([], [], source);

    /// <summary>A text's ids with the template's special tokens around them.</summary>
    public int[] Around(IReadOnlyList<int> ids) => [.. Before, .. ids, .. After];

    /// <summary>The template tokenizer.json's post_processor applies to one sequence; a processor of another type fails naming it.</summary>
    internal static SpecialTokenTemplate FromPostProcessor(string file, JsonElement root)
    {
        const string source = "tokenizer.json's post_processor";
        if (!root.TryGetProperty("post_processor", out var processor) || processor.ValueKind == JsonValueKind.Null)
        {
            return None(source);
        }

        var before = new List<int>();
        var after = new List<int>();
        Apply(file, processor, before, after);
        return new SpecialTokenTemplate(before, after, source);
    }

    // Each processor wraps what the previous ones produced: its tokens go outside theirs.
    private static void Apply(string file, JsonElement processor, List<int> before, List<int> after)
    {
        var type = processor.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "ByteLevel":
                return;
            case "Sequence":
                foreach (var inner in Array(file, processor, "processors").EnumerateArray())
                {
                    Apply(file, inner, before, after);
                }

                return;
            case "TemplateProcessing":
                var (b, a) = Template(file, processor);
                before.InsertRange(0, b);
                after.AddRange(a);
                return;
            case "RobertaProcessing" or "BertProcessing":
                before.Insert(0, IdOf(file, processor, "cls"));
                after.Add(IdOf(file, processor, "sep"));
                return;
            default:
                throw new ModelFolderException(file, $"unsupported post_processor '{type}' (supported: TemplateProcessing, ByteLevel, RobertaProcessing, BertProcessing, Sequence)");
        }
    }

    private static (List<int> Before, List<int> After) Template(string file, JsonElement processor)
    {
        var specials = processor.TryGetProperty("special_tokens", out var map) && map.ValueKind == JsonValueKind.Object ? map
            : throw new ModelFolderException(file, "the TemplateProcessing post_processor has no 'special_tokens' object");
        var before = new List<int>();
        var after = new List<int>();
        var seen = false;
        foreach (var piece in Array(file, processor, "single").EnumerateArray())
        {
            if (piece.TryGetProperty("Sequence", out _))
            {
                seen = seen ? throw new ModelFolderException(file, "the TemplateProcessing 'single' template names a sequence twice") : true;
                continue;
            }

            if (!piece.TryGetProperty("SpecialToken", out var special) || !special.TryGetProperty("id", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw new ModelFolderException(file, $"the TemplateProcessing 'single' template has a piece {piece.GetRawText()}; expected {{\"Sequence\": ...}} or {{\"SpecialToken\": {{\"id\": ...}}}}");
            }

            if (!specials.TryGetProperty(name.GetString()!, out var token) || !token.TryGetProperty("ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
            {
                throw new ModelFolderException(file, $"the TemplateProcessing template uses '{name.GetString()}', which its special_tokens do not give ids");
            }

            (seen ? after : before).AddRange(ids.EnumerateArray().Select(i => i.TryGetInt32(out var n) && n >= 0 ? n
                : throw new ModelFolderException(file, $"the TemplateProcessing special token '{name.GetString()}' has id {i.GetRawText()}")));
        }

        return seen ? (before, after) : throw new ModelFolderException(file, "the TemplateProcessing 'single' template has no sequence ($A)");
    }

    private static int IdOf(string file, JsonElement processor, string key) =>
        processor.TryGetProperty(key, out var pair) && pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2 && pair[1].TryGetInt32(out var id) && id >= 0 ? id
            : throw new ModelFolderException(file, $"the {processor.GetProperty("type").GetString()} post_processor's '{key}' must be [token, id]");

    private static JsonElement Array(string file, JsonElement processor, string key) =>
        processor.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Array ? value
            : throw new ModelFolderException(file, $"the {processor.GetProperty("type").GetString()} post_processor has no '{key}' list");
}
