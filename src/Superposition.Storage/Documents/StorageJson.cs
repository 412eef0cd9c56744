using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Superposition.Storage.Documents;

/// <summary>
/// The one JSON format of every stored document and queue message: camelCase, enums as kebab-case strings, and
/// +∞ (a KL when a task got probability 0) written as the string "Infinity", never NaN or null.
/// </summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Answers in Chinese stay readable in stored documents; reports escape what they embed in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static BinaryData ToData<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value, Options));

    public static T FromData<T>(BinaryData data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return JsonSerializer.Deserialize<T>(data.ToMemory().Span, Options)
                ?? throw new InvalidDataException($"{path} holds null, not a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid {typeof(T).Name} document: {e.Message}", e);
        }
    }
}
