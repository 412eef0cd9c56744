using System.Text.Json;
using System.Text.Json.Serialization;

namespace Superposition.Specs;

/// <summary>Reads <c>collapse.initial</c> as one object or an array of them, and writes it back as it was read.</summary>
internal sealed class InitialSettingsJsonConverter : JsonConverter<InitialSettings>
{
    public override InitialSettings Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var settings = JsonSerializer.Deserialize<List<InitialExamples>>(ref reader, options)
                ?? throw new JsonException("collapse.initial is null.");
            return new InitialSettings(settings, asArray: true);
        }

        var one = JsonSerializer.Deserialize<InitialExamples>(ref reader, options)
            ?? throw new JsonException("collapse.initial is null.");
        return one;
    }

    public override void Write(Utf8JsonWriter writer, InitialSettings value, JsonSerializerOptions options)
    {
        if (value.AsArray)
        {
            JsonSerializer.Serialize(writer, value.ToList(), options);
        }
        else
        {
            JsonSerializer.Serialize(writer, value[0], options);
        }
    }
}
