using System.Text.Json.Nodes;

namespace Superposition.Functions.Tests;

/// <summary>Small specs for the Functions tests.</summary>
internal static class Specs
{
    /// <summary>A valid spec: 3 country tasks, 12 examples, D1 and D2, <paramref name="prompts"/> prompts, the given models.</summary>
    public static string Small(int prompts = 3, params string[] models) => new JsonObject
    {
        ["version"] = 1,
        ["name"] = "small",
        ["kind"] = "calibration",
        ["tasks"] = new JsonArray("country.capital", "country.first-letter", "country.language"),
        ["distributions"] = new JsonArray("D1", "D2"),
        ["examples"] = 12,
        ["prompts"] = prompts,
        ["seed"] = 0,
        ["models"] = new JsonArray([.. (models.Length == 0 ? ["reference-calibrated", "reference-leaky"] : models).Select(m => JsonValue.Create(m))]),
    }.ToJsonString();

    /// <summary>A spec text with one property replaced.</summary>
    public static string With(string spec, string property, JsonNode? value)
    {
        var node = JsonNode.Parse(spec)!.AsObject();
        node[property] = value;
        return node.ToJsonString();
    }
}
