using System.Text.Json;
using Superposition.LanguageModels;

namespace Superposition.ModelServer.Http;

/// <summary>Reads the polymorphic fields of requests (prompt, stop, message content), with 400s naming the problem.</summary>
internal static class RequestParsing
{
    /// <summary>A prompt as sent: its token ids and, when sent as text, the text.</summary>
    public sealed record PromptInput(int[] Ids, string? Text);

    /// <summary>
    /// The prompts of a completion request: a text gets the tokenizer's BOS first where
    /// <paramref name="addSpecialTokens"/> (vLLM's add_special_tokens, default true); token-id prompts are taken as sent.
    /// </summary>
    public static List<PromptInput> Prompts(JsonElement? prompt, ITokenizer tokenizer, bool addSpecialTokens)
    {
        if (prompt is not { } p || p.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw ApiException.BadRequest("The 'prompt' field is required.", "prompt");
        }

        switch (p.ValueKind)
        {
            case JsonValueKind.String:
                return [FromText(p.GetString()!, tokenizer, addSpecialTokens)];
            case JsonValueKind.Array when p.GetArrayLength() == 0:
                throw ApiException.BadRequest("The 'prompt' list is empty.", "prompt");
            case JsonValueKind.Array:
                var first = p[0].ValueKind;
                if (first == JsonValueKind.Number)
                {
                    return [FromIds(p, tokenizer, "prompt")];
                }

                var list = new List<PromptInput>();
                var i = 0;
                foreach (var item in p.EnumerateArray())
                {
                    list.Add(item.ValueKind switch
                    {
                        JsonValueKind.String => FromText(item.GetString()!, tokenizer, addSpecialTokens),
                        JsonValueKind.Array => FromIds(item, tokenizer, $"prompt[{i}]"),
                        _ => throw ApiException.BadRequest($"prompt[{i}] is {item.ValueKind}; a prompt list holds strings or token-id lists, not a mix of kinds.", "prompt"),
                    });
                    i++;
                }

                return list;
            default:
                throw ApiException.BadRequest($"'prompt' is {p.ValueKind}; send a string, a list of strings, a token-id list or a list of token-id lists.", "prompt");
        }
    }

    public static string[] Stops(JsonElement? stop)
    {
        if (stop is not { } s || s.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        return s.ValueKind switch
        {
            JsonValueKind.String => [s.GetString()!],
            JsonValueKind.Array => [.. s.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : throw ApiException.BadRequest("'stop' must be a string or a list of strings.", "stop"))],
            _ => throw ApiException.BadRequest("'stop' must be a string or a list of strings.", "stop"),
        };
    }

    /// <summary>A message's text: a string, a list of {type: "text", text} parts (joined), or null (empty).</summary>
    public static string Content(JsonElement? content, int index)
    {
        if (content is not { } c || c.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return string.Empty;
        }

        if (c.ValueKind == JsonValueKind.String)
        {
            return c.GetString()!;
        }

        if (c.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"messages[{index}].content must be a string or a list of content parts.", "messages");
        }

        var parts = new List<string>();
        foreach (var part in c.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object
                || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text"
                || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw ApiException.BadRequest($"messages[{index}].content holds a part that is not {{\"type\": \"text\", \"text\": ...}}; the served models read text only.", "messages");
            }

            parts.Add(text.GetString()!);
        }

        return string.Concat(parts);
    }

    /// <summary>A text's ids with the tokenizer's special tokens around them (e.g. a BOS first) where special tokens are added.</summary>
    public static int[] WithSpecialTokens(int[] ids, ITokenizer tokenizer, bool addSpecialTokens) =>
        addSpecialTokens ? tokenizer.WithSpecialTokens(ids) : ids;

    private static PromptInput FromText(string text, ITokenizer tokenizer, bool addSpecialTokens)
    {
        if (text.Length == 0)
        {
            throw ApiException.BadRequest("The prompt is empty.", "prompt");
        }

        return new PromptInput(WithSpecialTokens(tokenizer.Encode(text), tokenizer, addSpecialTokens), text);
    }

    private static PromptInput FromIds(JsonElement array, ITokenizer tokenizer, string where)
    {
        if (array.GetArrayLength() == 0)
        {
            throw ApiException.BadRequest($"{where} is an empty token list.", "prompt");
        }

        var ids = new int[array.GetArrayLength()];
        var k = 0;
        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var id))
            {
                throw ApiException.BadRequest($"{where}[{k}] is not an integer token id.", "prompt");
            }

            if (!tokenizer.IsValid(id))
            {
                throw ApiException.BadRequest($"{where}[{k}] = {id} is out of vocabulary (ids 0..{tokenizer.VocabularySize - 1}).", "prompt");
            }

            ids[k++] = id;
        }

        return new PromptInput(ids, null);
    }
}
