using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace Superposition.Specs;

/// <summary>
/// Turns a failed schema evaluation into <see cref="SpecError"/>s in the project's own words, built only from the
/// library's structured results (the failing keyword, the instance location, the evaluation path) and from the
/// values in the schema and the spec. The library's message text, which is localised and may change between
/// versions, is never read or shown.
/// </summary>
internal static class SpecSchemaErrors
{
    public static List<SpecError> From(EvaluationResults result, JsonNode schema, JsonElement spec)
    {
        var errors = new List<SpecError>();
        foreach (var detail in result.Details ?? [])
        {
            // A failing "if" only selects "else": its errors are not the spec's.
            if (detail.Errors is null || Segments(detail.EvaluationPath).Contains("if", StringComparer.Ordinal))
            {
                continue;
            }

            var path = ToJsonPath(detail.InstanceLocation);
            var value = detail.InstanceLocation.Evaluate(spec);
            var subschema = Subschema(schema, detail.EvaluationPath);
            foreach (var keyword in detail.Errors.Keys)
            {
                var limit = (subschema as JsonObject)?[keyword];
                if (keyword == "required" && value is { ValueKind: JsonValueKind.Object } instance && limit is JsonArray names)
                {
                    errors.AddRange(names.Select(n => n!.GetValue<string>())
                        .Where(n => !instance.TryGetProperty(n, out _))
                        .Select(n => new SpecError(Child(path, n), "is required")));
                }
                else
                {
                    errors.Add(new SpecError(path, Message(keyword, limit, value, detail.EvaluationPath)));
                }
            }
        }

        return [.. errors.DistinctBy(e => e.ToString())];
    }

    private static string Message(string keyword, JsonNode? limit, JsonElement? value, JsonPointer evaluationPath)
    {
        var number = limit is JsonValue ? limit.ToJsonString() : null;
        return keyword switch
        {
            // The false schema (additionalProperties: false) has no keyword of its own.
            "" or "false" => Segments(evaluationPath).LastOrDefault() == "additionalProperties"
                ? "is not a field of this spec version"
                : "is not allowed here",
            "type" when limit is not null => $"must be {Types(limit)}, not {Describe(value)}",
            "const" when limit is not null => $"must be {limit.ToJsonString()}, not {Describe(value)}",
            "enum" when limit is JsonArray values => $"must be one of {string.Join(", ", values.Select(v => v?.ToJsonString()))}, not {Describe(value)}",
            "minimum" when number is not null => $"must be at least {number}, not {Describe(value)}",
            "maximum" when number is not null => $"must be at most {number}, not {Describe(value)}",
            "exclusiveMinimum" when number is not null => $"must be greater than {number}, not {Describe(value)}",
            "exclusiveMaximum" when number is not null => $"must be less than {number}, not {Describe(value)}",
            "minItems" when number is not null => $"must have at least {number} {Plural(number, "item")}, not {value?.GetArrayLength()}",
            "maxItems" when number is not null => $"must have at most {number} {Plural(number, "item")}, not {value?.GetArrayLength()}",
            "minLength" when number is not null => $"must have at least {number} {Plural(number, "character")}, not {value?.GetString()?.Length}",
            "maxLength" when number is not null => $"must have at most {number} {Plural(number, "character")}, not {value?.GetString()?.Length}",
            "pattern" when limit is not null => $"{Describe(value)} does not match the pattern {limit.GetValue<string>()}",
            "uniqueItems" => Duplicate(value) is { } pair
                ? $"has the same item at [{pair.First}] and [{pair.Second}]: each may appear once"
                : "has an item twice: each may appear once",
            _ => $"does not satisfy the schema's '{keyword}'",
        };
    }

    /// <summary>
    /// The subschema at an evaluation path. A segment the schema does not have is passed over: the path may
    /// repeat a keyword (JsonSchema.Net 8 writes <c>items/items</c>), and a miss only costs the message its limit.
    /// </summary>
    private static JsonNode? Subschema(JsonNode schema, JsonPointer evaluationPath)
    {
        var node = schema;
        foreach (var segment in Segments(evaluationPath))
        {
            var next = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            node = next ?? node;
        }

        return node;
    }

    private static string Types(JsonNode type) => type is JsonArray types
        ? string.Join(" or ", types.Select(t => Article(t!.GetValue<string>())))
        : Article(type.GetValue<string>());

    private static string Article(string type) => type is "integer" or "object" or "array" ? $"an {type}" : $"a {type}";

    private static string Describe(JsonElement? value) => value?.ValueKind switch
    {
        null => "missing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String when value.Value.GetString()!.Length > 40 => $"a string of {value.Value.GetString()!.Length} characters",
        _ => value.Value.GetRawText(),
    };

    private static (int First, int Second)? Duplicate(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var items = array.EnumerateArray().ToList();
        for (var j = 1; j < items.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (JsonElement.DeepEquals(items[i], items[j]))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    private static string Plural(string count, string noun) => count == "1" ? noun : noun + "s";

    private static IEnumerable<string> Segments(JsonPointer pointer)
    {
        for (var i = 0; i < pointer.SegmentCount; i++)
        {
            yield return pointer[i].ToString();
        }
    }

    private static string ToJsonPath(JsonPointer pointer)
    {
        var path = "$";
        foreach (var name in Segments(pointer))
        {
            path = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? $"{path}[{index}]" : Child(path, name);
        }

        return path;
    }

    private static string Child(string path, string name) => $"{path}.{name}";
}
