using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// What the echo strategies share: sending prompts with <c>echo</c> and logprobs (max_tokens 0, falling back to 1,
/// remembered, on servers that reject 0), and summing the echoed logprobs of a span of positions, found by token
/// count (token-id prompts) or by <c>text_offset</c> (text prompts). A server that ignores echo fails loudly.
/// </summary>
internal static class EchoRequests
{
    public static async Task<(CompletionResult Result, int MaxTokens)> SendAsync(ScoringContext context, IReadOnlyList<PromptInput> prompts, CancellationToken cancellationToken)
    {
        var maxTokens = context.State.EchoMaxTokens;
        CompletionResult result;
        try
        {
            var response = await context.Endpoint.CompleteAsync(new CompletionCall(prompts, maxTokens, Logprobs: 1, Echo: true, LogprobsOnly: true), cancellationToken);
            context.Cost.Record(response);
            result = response.Value;
        }
        catch (EndpointException e) when (maxTokens == 0 && e.StatusCode == 400 && e.Cause.Contains("max_tokens", StringComparison.OrdinalIgnoreCase))
        {
            // Some servers (older vLLM, OpenAI) reject max_tokens 0: generate one token and drop it.
            context.State.EchoNeedsOneToken();
            maxTokens = 1;
            var response = await context.Endpoint.CompleteAsync(new CompletionCall(prompts, 1, Logprobs: 1, Echo: true, LogprobsOnly: true), cancellationToken);
            context.Cost.Record(response);
            result = response.Value;
        }

        if (result.Choices.Count != prompts.Count)
        {
            throw new EndpointException(context.Model, $"answered {result.Choices.Count} choices to an echo request of {prompts.Count} prompts");
        }

        return (result, maxTokens);
    }

    /// <summary>The positions of choice <paramref name="index"/>, checked to cover the <paramref name="sent"/> prompt tokens and at most the generated ones.</summary>
    public static IReadOnlyList<TokenPosition> PositionsOfIds(ScoringContext context, CompletionResult result, int index, int sent, int maxTokens)
    {
        var positions = result.Choices[index].Logprobs ?? throw Ignored(context, 0, "no logprobs");
        if (positions.Count < sent)
        {
            throw Ignored(context, positions.Count, $"{positions.Count} token logprobs for {sent} prompt tokens");
        }

        if (positions.Count > sent + maxTokens)
        {
            throw new EndpointException(context.Model, $"echoed {positions.Count} token logprobs for {sent} prompt tokens and at most {maxTokens} generated");
        }

        return positions;
    }

    /// <summary>The positions of choice <paramref name="index"/> of a text prompt, checked to start at the prompt's first character.</summary>
    public static IReadOnlyList<TokenPosition> PositionsOfText(ScoringContext context, CompletionResult result, int index)
    {
        var positions = result.Choices[index].Logprobs ?? throw Ignored(context, 0, "no logprobs");
        return positions.Count == 0 || positions[0].TextOffset is not 0
            ? throw Ignored(context, positions.Count, "the logprobs do not start at the prompt's first character")
            : positions;
    }

    /// <summary>
    /// The index of the first position whose token starts at or after character <paramref name="offset"/>
    /// (the number of positions when none does); null when a token starts before the offset and ends after it,
    /// so that the text cannot be split there.
    /// </summary>
    public static int? IndexAt(ScoringContext context, IReadOnlyList<TokenPosition> positions, int offset)
    {
        for (var j = 0; j < positions.Count; j++)
        {
            var start = positions[j].TextOffset ?? throw new EndpointException(context.Model, "echoed logprobs without text_offset; configure Tokenizer: server to send token ids");
            if (start >= offset)
            {
                return start == offset ? j : null;
            }
        }

        return positions.Count;
    }

    /// <summary>Σ of the logprobs at positions [from, to); −9999 (vLLM's floor) counts as −∞.</summary>
    public static double Sum(ScoringContext context, IReadOnlyList<TokenPosition> positions, int from, int to)
    {
        var sum = 0.0;
        for (var j = from; j < to; j++)
        {
            sum += WireParser.Normalize(positions[j].Logprob ?? throw new EndpointException(context.Model, $"echoed a null logprob at position {j}, inside the answer"));
        }

        return sum;
    }

    /// <summary>Text prompts: the server's own count of prompt tokens must match the echoed positions inside the prompts.</summary>
    public static void CheckTextPromptCount(ScoringContext context, CompletionResult result, IReadOnlyList<int> promptChars)
    {
        long echoed = 0;
        for (var j = 0; j < promptChars.Count; j++)
        {
            var length = promptChars[j];
            echoed += result.Choices[j].Logprobs?.Count(p => p.TextOffset < length) ?? 0;
        }

        if (result.Usage.PromptTokens > 0 && echoed != result.Usage.PromptTokens)
        {
            throw Ignored(context, (int)echoed, $"{echoed} echoed prompt tokens but the server counted {result.Usage.PromptTokens}");
        }
    }

    public static EndpointException Ignored(ScoringContext context, int count, string detail) =>
        new(context.Model, $"ignored echo ({detail}, {count} positions); every candidate would score alike, so nothing is reported. Use --strategy trie or chat for this server");
}
