using System.Text.Json;
using System.Text.Json.Serialization;

namespace Superposition.ModelServer.Http;

/// <summary>
/// Compile-time JSON metadata of the hot wire records (echo answers run to thousands of positions per request);
/// <see cref="WireJson.Options"/> falls back to reflection for the rest. Names as the options: snake_case.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(TokenizeRequest))]
[JsonSerializable(typeof(TokenizeResponse))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
