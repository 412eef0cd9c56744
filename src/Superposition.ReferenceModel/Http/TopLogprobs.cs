using System.Text.Json;
using System.Text.Json.Serialization;

namespace Superposition.ReferenceModel.Http;

/// <summary>
/// One position's legacy <c>top_logprobs</c>: distinct tokens with their logprobs, most likely first, written as
/// the JSON object {token: logprob} of the wire. Two arrays rather than a dictionary per position: an echo
/// response has one per prompt token, thousands per request.
/// </summary>
[JsonConverter(typeof(TopLogprobsConverter))]
internal sealed class TopLogprobs
{
    private readonly string[] _tokens;
    private readonly double[] _logprobs;
    private int _count;

    public TopLogprobs(int capacity)
    {
        _tokens = new string[capacity];
        _logprobs = new double[capacity];
    }

    public int Count => _count;

    public string Token(int i) => _tokens[i];

    public double Logprob(int i) => _logprobs[i];

    /// <summary>Adds a token unless it is already listed (the first listing wins, as a dictionary's TryAdd).</summary>
    public void TryAdd(string token, double logprob)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_tokens[i], token, StringComparison.Ordinal))
            {
                return;
            }
        }

        _tokens[_count] = token;
        _logprobs[_count++] = logprob;
    }
}

internal sealed class TopLogprobsConverter : JsonConverter<TopLogprobs>
{
    public override TopLogprobs Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The reference server writes top_logprobs; it never reads them.");

    public override void Write(Utf8JsonWriter writer, TopLogprobs value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        for (var i = 0; i < value.Count; i++)
        {
            writer.WriteNumber(value.Token(i), value.Logprob(i));
        }

        writer.WriteEndObject();
    }
}
