using System.Text.Json;
using System.Text.Json.Serialization;

namespace Superposition.Specs;

/// <summary>Reads and writes a distribution as a bare name ("D2") or as {"name", "weights"}.</summary>
internal sealed class DistributionSpecJsonConverter : JsonConverter<DistributionSpec>
{
    public override DistributionSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return DistributionSpec.Named(reader.GetString()!);
        }

        var vector = JsonSerializer.Deserialize<Vector>(ref reader, options)
            ?? throw new JsonException("A distribution must be a name or an object with name and weights.");
        return new DistributionSpec(vector.Name, vector.Weights);
    }

    public override void Write(Utf8JsonWriter writer, DistributionSpec value, JsonSerializerOptions options)
    {
        if (value.Weights is null)
        {
            writer.WriteStringValue(value.Name);
            return;
        }

        JsonSerializer.Serialize(writer, new Vector(value.Name, value.Weights), options);
    }

    private sealed record Vector(string Name, IReadOnlyList<double> Weights);
}
