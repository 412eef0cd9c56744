using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Spans of an echoed text by character offset (a backend that tokenises the text itself): where a span starts
/// among the positions, and the sum of its logprobs.
/// </summary>
internal static class TextSpans
{
    /// <summary>
    /// The index of the first position whose token starts at or after character <paramref name="offset"/>
    /// (the number of positions when none does); null when a token starts before the offset and ends after it,
    /// so that the text cannot be split there.
    /// </summary>
    public static int? IndexAt(string model, IReadOnlyList<TokenPosition> positions, int offset)
    {
        for (var j = 0; j < positions.Count; j++)
        {
            var start = positions[j].TextOffset ?? throw new EndpointException(model, "echoed logprobs without text_offset; configure Tokenizer: server to send token ids");
            if (start >= offset)
            {
                return start == offset ? j : null;
            }
        }

        return positions.Count;
    }

    /// <summary>Σ of the logprobs at positions [from, to); −9999 (vLLM's floor) counts as −∞.</summary>
    public static double Sum(string model, IReadOnlyList<TokenPosition> positions, int from, int to)
    {
        var sum = 0.0;
        for (var j = from; j < to; j++)
        {
            sum += ServedLogprobs.Normalize(positions[j].Logprob ?? throw new EndpointException(model, $"echoed a null logprob at position {j}, inside the answer"));
        }

        return sum;
    }
}
