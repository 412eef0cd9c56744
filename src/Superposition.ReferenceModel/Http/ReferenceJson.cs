using System.Text.Json;

namespace Superposition.ReferenceModel.Http;

/// <summary>JSON settings of the wire: snake_case names, nulls written (OpenAI and vLLM send explicit nulls).</summary>
internal static class ReferenceJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };
}
