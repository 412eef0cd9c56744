using Superposition.LanguageModels;
using Superposition.ModelServer.Sampling;

namespace Superposition.ModelServer.Http;

/// <summary>Builds the logprob shapes of the wire (legacy arrays, chat content, vLLM prompt_logprobs) in one model's tokens.</summary>
internal sealed class LogprobShapes(ITokenizer tokenizer)
{
    // Top lists longer than this (a server configured with a large max_logprobs) are read into an array, not the stack.
    private const int StackTop = 64;

    /// <summary>One position: the token, its served logprob (null at prompt position 0) and the distribution it came from.</summary>
    public readonly record struct Position(int Token, double? Logprob, INextTokenDistribution? Distribution, double? Temperature);

    /// <summary>
    /// The legacy arrays of the echoed prompt tokens followed by the generated ones. With <paramref name="tokenIds"/> (vLLM's <c>return_tokens_as_token_ids</c>) every token,
    /// in <c>tokens</c> and as a <c>top_logprobs</c> key, is written "token_id:&lt;id&gt;", so that clients identify
    /// tokens exactly, partial UTF-8 ones included.
    /// </summary>
    public LegacyLogprobs Legacy(IReadOnlyList<ScoredToken> echoed, IReadOnlyList<GeneratedToken> generated, double? temperature, int k, bool tokenIds = false) =>
        Legacy(
            echoed.Count + generated.Count,
            i => i < echoed.Count
                ? new Position(echoed[i].Token, echoed[i].Logprob, echoed[i].Distribution, null)
                : new Position(generated[i - echoed.Count].Token, generated[i - echoed.Count].Logprob, generated[i - echoed.Count].Distribution, temperature),
            k,
            tokenIds);

    private LegacyLogprobs Legacy(int count, Func<int, Position> at, int k, bool tokenIds)
    {
        var tokens = new string[count];
        var logprobs = new double?[count];
        var tops = new TopLogprobs(count, Math.Min(k, 2) + 1);
        var offsets = new int[count];
        var characters = new CharacterOffsets(tokenizer);
        for (var i = 0; i < count; i++)
        {
            var p = at(i);
            tokens[i] = Name(p.Token, tokenIds);
            logprobs[i] = p.Logprob;
            offsets[i] = characters.Next(p.Token);
            if (p.Logprob is not { } lp)
            {
                tops.AddNull();
                continue;
            }

            AddTop(tops, p, k, tokenIds);
            tops.TryAdd(tokens[i], lp);
            tops.EndPosition();
        }

        return new LegacyLogprobs(offsets, logprobs, tokens, tops);
    }

    /// <summary>Chat content logprobs; <paramref name="tokenIds"/> writes each token "token_id:&lt;id&gt;" as vLLM.</summary>
    public List<ChatTokenLogprob> Chat(IReadOnlyList<Position> positions, int k, bool tokenIds = false) =>
        [.. positions.Select(p => new ChatTokenLogprob(
            Name(p.Token, tokenIds),
            p.Logprob ?? 0,
            Bytes(p.Token),
            [.. Top(p, k).Select(t => new ChatTopLogprob(Name(t.Token, tokenIds), t.Logprob, Bytes(t.Token)))]))];

    /// <summary>vLLM's prompt_logprobs: null at position 0, then {token id: {logprob, rank, decoded_token}} with the top k and the actual token.</summary>
    public List<Dictionary<string, PromptLogprob>?> Prompt(IReadOnlyList<ScoredToken> scored, int k)
    {
        var result = new List<Dictionary<string, PromptLogprob>?>(scored.Count);
        foreach (var s in scored)
        {
            if (s.Logprob is not { } lp)
            {
                result.Add(null);
                continue;
            }

            var entry = new Dictionary<string, PromptLogprob>(k + 1, StringComparer.Ordinal)
            {
                [Id(s.Token)] = new PromptLogprob(lp, s.Distribution?.RankOf(s.Token) ?? 1, tokenizer.Text(s.Token)),
            };
            var rank = 1;
            foreach (var (token, logprob) in Top(new Position(s.Token, lp, s.Distribution, null), k))
            {
                entry.TryAdd(Id(token), new PromptLogprob(logprob, rank++, tokenizer.Text(token)));
            }

            result.Add(entry);
        }

        return result;
    }

    /// <summary>The k most likely tokens at a position (free text lists none but the actual token, added by callers).</summary>
    public static IEnumerable<(int Token, double Logprob)> Top(Position p, int k) =>
        TopAlternatives.Of(p.Token, p.Logprob, p.Distribution, p.Temperature, k);

    // Top(p, k) into the column without an array: one call per prompt token of an echo answer.
    private void AddTop(TopLogprobs tops, Position p, int k, bool tokenIds)
    {
        var capacity = TopAlternatives.Capacity(p.Distribution, p.Logprob, k);
        Span<(int Token, double Logprob)> top = capacity <= StackTop ? stackalloc (int, double)[capacity] : new (int, double)[capacity];
        var written = TopAlternatives.Fill(p.Token, p.Logprob, p.Distribution, p.Temperature, top);
        foreach (var (token, logprob) in top[..written])
        {
            tops.TryAdd(Name(token, tokenIds), logprob);
        }
    }

    private int[] Bytes(int token)
    {
        var bytes = tokenizer.Bytes(token);
        var result = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            result[i] = bytes[i];
        }

        return result;
    }

    private string Name(int token, bool tokenIds) => tokenIds ? "token_id:" + Id(token) : tokenizer.Text(token);

    private static string Id(int token) => token.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
