using System.Globalization;
using System.Text.Json;
using Superposition.Scoring.Backends;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// Reads the response shapes of vLLM, OpenAI, Azure OpenAI, llama.cpp and Ollama (docs/endpoints.md) into
/// the records of WireTypes.cs. Strict where a wrong reading would give a wrong number (array lengths, logprob types),
/// lenient about fields a vendor adds or leaves out. Tokens named "token_id:&lt;id&gt;" (vLLM's
/// return_tokens_as_token_ids) or carrying an "id" field (llama.cpp) get their id.
/// </summary>
internal static class WireParser
{
    private const string TokenIdPrefix = "token_id:";

    /// <summary>A served logprob as a log-probability: at or below -9999 is −∞.</summary>
    public static double Normalize(double logprob) => ServedLogprobs.Normalize(logprob);

    public static CompletionResult ParseCompletion(JsonElement root) => ParseCompletion(root, readAll: true);

    /// <summary>
    /// A legacy completion; without <paramref name="readAll"/> each position keeps only its logprob and text offset
    /// (token strings become empty, top-k lists are checked for length only).
    /// </summary>
    public static CompletionResult ParseCompletion(JsonElement root, bool readAll)
    {
        var choices = new List<CompletionChoiceResult>();
        foreach (var (choice, i) in Array(root, "choices").Select((c, i) => (c, i)))
        {
            var where = $"choices[{i}]";
            choices.Add(new CompletionChoiceResult(
                Int(choice, "index", where) ?? i,
                String(choice, "text", where) ?? string.Empty,
                String(choice, "finish_reason", where),
                Property(choice, "logprobs") is { ValueKind: JsonValueKind.Object } lp ? Legacy(lp, where + ".logprobs", readAll) : null,
                Property(choice, "prompt_logprobs") is { ValueKind: JsonValueKind.Array } plp ? PromptLogprobs(plp, where + ".prompt_logprobs") : null));
        }

        return new CompletionResult([.. choices.OrderBy(c => c.Index)], Usage(root));
    }

    public static ChatResult ParseChat(JsonElement root)
    {
        var choices = new List<ChatChoiceResult>();
        foreach (var (choice, i) in Array(root, "choices").Select((c, i) => (c, i)))
        {
            var where = $"choices[{i}]";
            var message = Property(choice, "message");
            var content = message is { ValueKind: JsonValueKind.Object } m ? String(m, "content", where + ".message") ?? string.Empty : string.Empty;
            IReadOnlyList<TokenPosition>? logprobs = null;
            if (Property(choice, "logprobs") is { ValueKind: JsonValueKind.Object } lp && Property(lp, "content") is { ValueKind: JsonValueKind.Array } items)
            {
                logprobs = [.. items.EnumerateArray().Select((item, j) => ChatPosition(item, $"{where}.logprobs.content[{j}]"))];
            }

            choices.Add(new ChatChoiceResult(Int(choice, "index", where) ?? i, content, String(choice, "finish_reason", where), logprobs));
        }

        var prompt = Property(root, "prompt_logprobs") is { ValueKind: JsonValueKind.Array } plp ? PromptLogprobs(plp, "prompt_logprobs") : null;
        return new ChatResult([.. choices.OrderBy(c => c.Index)], prompt, Usage(root));
    }

    /// <summary>Token ids of a /tokenize answer (vLLM: {count, tokens}; llama.cpp: {tokens}, ids or {id, piece} objects).</summary>
    public static int[] ParseTokenize(JsonElement root)
    {
        var tokens = Array(root, "tokens");
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            var t = tokens[i];
            ids[i] = t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var id) ? id
                : t.ValueKind == JsonValueKind.Object && Int(t, "id", $"tokens[{i}]") is { } pid ? pid
                : throw new WireFormatException($"tokens[{i}] is not a token id.");
        }

        if (Int(root, "count", "$") is { } count && count != ids.Length)
        {
            throw new WireFormatException($"/tokenize says count {count} but lists {ids.Length} tokens.");
        }

        return ids;
    }

    /// <summary>The message of an OpenAI-style error body ({"error": {"message"}} or {"error": "..."} or {"message"}), or null.</summary>
    public static string? ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (Property(root, "error") is { } error)
            {
                return error.ValueKind switch
                {
                    JsonValueKind.String => error.GetString(),
                    JsonValueKind.Object when Property(error, "message") is { ValueKind: JsonValueKind.String } m => m.GetString(),
                    _ => null,
                };
            }

            return Property(root, "message") is { ValueKind: JsonValueKind.String } message ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<TokenPosition> Legacy(JsonElement lp, string where, bool readAll)
    {
        // Parallel arrays walked in lockstep by enumerators: indexing a JsonElement array of objects is linear,
        // and an echo answer has thousands of positions.
        var tokens = ArrayElement(lp, "tokens", where);
        var logprobs = ArrayElement(lp, "token_logprobs", where);
        var count = tokens.GetArrayLength();
        if (logprobs.GetArrayLength() != count)
        {
            throw new WireFormatException($"{where}: {count} tokens but {logprobs.GetArrayLength()} token_logprobs.");
        }

        var tops = Property(lp, "top_logprobs") is { ValueKind: JsonValueKind.Array } t ? t : (JsonElement?)null;
        var offsets = Property(lp, "text_offset") is { ValueKind: JsonValueKind.Array } o ? o : (JsonElement?)null;
        if ((tops is { } tp && tp.GetArrayLength() != count) || (offsets is { } of && of.GetArrayLength() != count))
        {
            throw new WireFormatException($"{where}: top_logprobs or text_offset does not have one entry per token ({count}).");
        }

        var tokenItems = tokens.EnumerateArray();
        var logprobItems = logprobs.EnumerateArray();
        var topItems = tops is { } ta && readAll ? ta.EnumerateArray() : default;
        var offsetItems = offsets is { } oa ? oa.EnumerateArray() : default;
        var positions = new List<TokenPosition>(count);
        for (var i = 0; i < count; i++)
        {
            tokenItems.MoveNext();
            logprobItems.MoveNext();
            var tokenItem = tokenItems.Current;
            var logprobItem = logprobItems.Current;
            var token = tokenItem.ValueKind != JsonValueKind.String ? throw new WireFormatException($"{where}.tokens[{i}] is not a string.")
                : readAll ? tokenItem.GetString()! : string.Empty;
            double? logprob = logprobItem.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number => logprobItem.GetDouble(),
                _ => throw new WireFormatException($"{where}.token_logprobs[{i}] is not a number."),
            };
            IReadOnlyList<TopToken> top = [];
            if (tops is not null && readAll)
            {
                topItems.MoveNext();
                if (topItems.Current is { ValueKind: JsonValueKind.Object } entry)
                {
                    var list = new List<TopToken>();
                    foreach (var p in entry.EnumerateObject())
                    {
                        var value = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : throw new WireFormatException($"{where}.top_logprobs[{i}][{p.Name}] is not a number.");
                        list.Add(new TopToken(p.Name, value, null, IdOf(p.Name)));
                    }

                    top = list;
                }
            }

            int? offset = null;
            if (offsets is not null)
            {
                offsetItems.MoveNext();
                offset = offsetItems.Current is { ValueKind: JsonValueKind.Number } off ? off.GetInt32() : null;
            }

            positions.Add(new TokenPosition(token, logprob, null, readAll ? IdOf(token) : null, top, offset));
        }

        return positions;
    }

    private static TokenPosition ChatPosition(JsonElement item, string where)
    {
        var token = String(item, "token", where) ?? throw new WireFormatException($"{where}.token is missing.");
        var logprob = Double(item, "logprob", where) ?? throw new WireFormatException($"{where}.logprob is missing.");
        var top = new List<TopToken>();
        if (Property(item, "top_logprobs") is { ValueKind: JsonValueKind.Array } list)
        {
            var j = 0;
            foreach (var t in list.EnumerateArray())
            {
                var w = $"{where}.top_logprobs[{j++}]";
                var name = String(t, "token", w) ?? throw new WireFormatException($"{w}.token is missing.");
                top.Add(new TopToken(name, Double(t, "logprob", w) ?? throw new WireFormatException($"{w}.logprob is missing."), Bytes(t, w), Int(t, "id", w) ?? IdOf(name)));
            }
        }

        return new TokenPosition(token, logprob, Bytes(item, where), Int(item, "id", where) ?? IdOf(token), top, null);
    }

    private static List<IReadOnlyDictionary<int, double>?> PromptLogprobs(JsonElement array, string where)
    {
        var result = new List<IReadOnlyDictionary<int, double>?>();
        var i = 0;
        foreach (var entry in array.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Null)
            {
                result.Add(null);
                i++;
                continue;
            }

            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new WireFormatException($"{where}[{i}] is neither null nor an object.");
            }

            var map = new Dictionary<int, double>();
            foreach (var p in entry.EnumerateObject())
            {
                if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    throw new WireFormatException($"{where}[{i}] has key '{p.Name}', not a token id.");
                }

                map[id] = p.Value.ValueKind switch
                {
                    JsonValueKind.Number => p.Value.GetDouble(),
                    JsonValueKind.Object => Double(p.Value, "logprob", $"{where}[{i}][{id}]") ?? throw new WireFormatException($"{where}[{i}][{id}].logprob is missing."),
                    _ => throw new WireFormatException($"{where}[{i}][{id}] is not a logprob."),
                };
            }

            result.Add(map);
            i++;
        }

        return result;
    }

    private static WireUsage Usage(JsonElement root)
    {
        if (Property(root, "usage") is not { ValueKind: JsonValueKind.Object } usage)
        {
            return WireUsage.None;
        }

        long cached = 0;
        if (Property(usage, "prompt_tokens_details") is { ValueKind: JsonValueKind.Object } details && Property(details, "cached_tokens") is { ValueKind: JsonValueKind.Number } c)
        {
            cached = c.GetInt64();
        }

        return new WireUsage(
            Property(usage, "prompt_tokens") is { ValueKind: JsonValueKind.Number } p ? p.GetInt64() : 0,
            Property(usage, "completion_tokens") is { ValueKind: JsonValueKind.Number } t ? t.GetInt64() : 0,
            cached);
    }

    private static int? IdOf(string token) =>
        token.StartsWith(TokenIdPrefix, StringComparison.Ordinal) && int.TryParse(token.AsSpan(TokenIdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static byte[]? Bytes(JsonElement e, string where)
    {
        if (Property(e, "bytes") is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var bytes = new byte[array.GetArrayLength()];
        var i = 0;
        foreach (var b in array.EnumerateArray())
        {
            bytes[i++] = b.ValueKind == JsonValueKind.Number && b.TryGetByte(out var v) ? v : throw new WireFormatException($"{where}.bytes[{i - 1}] is not a byte.");
        }

        return bytes;
    }

    private static JsonElement? Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) ? value : null;

    private static JsonElement ArrayElement(JsonElement e, string name, string where) =>
        Property(e, name) is { ValueKind: JsonValueKind.Array } array ? array : throw new WireFormatException($"{where}.{name} is missing or not an array.");

    private static List<JsonElement> Array(JsonElement e, string name, string where = "$") =>
        ArrayElement(e, name, where).EnumerateArray().ToList();

    private static string? String(JsonElement e, string name, string where) => Property(e, name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        _ => throw new WireFormatException($"{where}.{name} is not a string."),
    };

    private static int? Int(JsonElement e, string name, string where) => Property(e, name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var v) => v,
        _ => throw new WireFormatException($"{where}.{name} is not an integer."),
    };

    private static double? Double(JsonElement e, string name, string where) => Property(e, name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        _ => throw new WireFormatException($"{where}.{name} is not a number."),
    };
}
