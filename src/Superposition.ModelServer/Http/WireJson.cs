using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Superposition.ModelServer.Http;

/// <summary>JSON settings of the wire: snake_case names, nulls written (OpenAI and vLLM send explicit nulls).</summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        // An API answer, never embedded in HTML: non-ASCII text (Chinese answers, partial tokens) goes out as UTF-8,
        // as Python servers send it, rather than six-byte \u escapes that cost time on both ends.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(WireJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}
