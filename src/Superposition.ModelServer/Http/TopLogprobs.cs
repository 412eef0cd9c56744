using System.Text.Json;
using System.Text.Json.Serialization;

namespace Superposition.ModelServer.Http;

/// <summary>
/// The legacy <c>top_logprobs</c> array of one choice: per position null, or distinct tokens with their logprobs
/// (most likely first), written as the wire's [null, {token: logprob}, ...]. One column for all positions rather
/// than a dictionary each: an echo answer has one position per prompt token, thousands per request.
/// </summary>
[JsonConverter(typeof(TopLogprobsConverter))]
internal sealed class TopLogprobs(int positions, int perPosition)
{
    private readonly List<string> _tokens = new(positions * perPosition);
    private readonly List<double> _logprobs = new(positions * perPosition);
    private readonly List<int> _ends = new(positions); // end of each position's entries; -1 for null

    public int Positions => _ends.Count;

    /// <summary>Closes the current position (its entries are those added since the previous one).</summary>
    public void EndPosition() => _ends.Add(_tokens.Count);

    /// <summary>A position without a list (the first prompt token).</summary>
    public void AddNull() => _ends.Add(-1);

    /// <summary>Adds a token to the open position unless it is already listed (the first listing wins).</summary>
    public void TryAdd(string token, double logprob)
    {
        for (var i = Start(_ends.Count); i < _tokens.Count; i++)
        {
            if (string.Equals(_tokens[i], token, StringComparison.Ordinal))
            {
                return;
            }
        }

        _tokens.Add(token);
        _logprobs.Add(logprob);
    }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        for (var p = 0; p < _ends.Count; p++)
        {
            if (_ends[p] < 0)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            for (var i = Start(p); i < _ends[p]; i++)
            {
                writer.WriteNumber(_tokens[i], _logprobs[i]);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    // First entry of position p: the end of the last listed position before it.
    private int Start(int p)
    {
        for (var q = p - 1; q >= 0; q--)
        {
            if (_ends[q] >= 0)
            {
                return _ends[q];
            }
        }

        return 0;
    }
}

internal sealed class TopLogprobsConverter : JsonConverter<TopLogprobs>
{
    public override TopLogprobs Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The server writes top_logprobs; it never reads them.");

    public override void Write(Utf8JsonWriter writer, TopLogprobs value, JsonSerializerOptions options) => value.Write(writer);
}
