using System.Runtime.InteropServices;
using System.Text;
using Superposition.LanguageModels;

namespace Superposition.ModelServer.Sampling;

/// <summary>
/// The generation loop of the protocol server, over any model's <see cref="IGenerationState"/>: draw a token at
/// the temperature, stop at the end of text, at a stop string (the text is cut before it), where the model ends
/// the text, or after max_tokens.
/// </summary>
public static class TokenGenerator
{
    /// <summary>
    /// Generates from a state. Served log-probabilities are the model's own (vLLM's default "raw" logprobs), or
    /// those of the tempered distribution when <paramref name="logprobsAfterTemperature"/> is set.
    /// </summary>
    public static Generation Generate(IGenerationState start, ITokenizer tokenizer, int maxTokens, double temperature, Random random, IReadOnlyList<string> stops, bool logprobsAfterTemperature)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(stops);
        var tokens = new List<GeneratedToken>();
        var bytes = new List<byte>();
        var state = start;
        while (tokens.Count < maxTokens)
        {
            var distribution = state.Distribution;
            var support = distribution.Support;
            if (support.Length == 0)
            {
                return new Generation(tokens, Utf8(bytes), "stop", null);
            }

            var tempered = TokenSampler.Tempered(support, temperature);
            var pick = TokenSampler.Sample(tempered, random);
            var chosen = support[pick];
            if (chosen.Token == tokenizer.EndOfText)
            {
                return new Generation(tokens, Utf8(bytes), "stop", null);
            }

            var served = logprobsAfterTemperature ? tempered[pick] : chosen.Probability;
            tokens.Add(new GeneratedToken(chosen.Token, Logprobs.Of(served), distribution));
            bytes.AddRange(tokenizer.Bytes(chosen.Token));
            var text = Utf8(bytes);
            foreach (var stop in stops)
            {
                var at = stop.Length > 0 ? text.IndexOf(stop, StringComparison.Ordinal) : -1;
                if (at >= 0)
                {
                    return new Generation(tokens, text[..at], "stop", stop);
                }
            }

            if (!state.TryAdvance(chosen.Token, out var next))
            {
                return new Generation(tokens, text, "stop", null);
            }

            state = next;
        }

        return new Generation(tokens, Utf8(bytes), "length", null);
    }

    private static string Utf8(List<byte> bytes) =>
        bytes.Count == 0 ? string.Empty : Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(bytes));
}
