using System.Text.Json;
using System.Text.Json.Serialization;

namespace Superposition.Training;

/// <summary>Reads and writes <see cref="InputPool"/> as a name (a JSON string) or a list of questions (an array).</summary>
internal sealed class InputPoolJsonConverter : JsonConverter<InputPool>
{
    public override InputPool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new InputPool(reader.GetString(), null),
            JsonTokenType.StartArray => new InputPool(null, JsonSerializer.Deserialize<string[]>(ref reader, options)),
            _ => throw new JsonException("inputs: expected a name or a list of questions."),
        };

    public override void Write(Utf8JsonWriter writer, InputPool value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Named is { } name)
        {
            writer.WriteStringValue(name);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.Questions, options);
        }
    }
}
