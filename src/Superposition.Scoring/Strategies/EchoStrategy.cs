using Superposition.Scores;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Teacher forcing through legacy completions with <c>echo</c>: every candidate's full sequence (context ids +
/// candidate ids) goes in one request (batches of the model's EchoBatchSize), and the candidate's probability is
/// the sum of the echoed logprobs of its tokens. Token-id prompts where the server tokenises; otherwise text
/// prompts split by <c>text_offset</c>. <c>max_tokens</c> 0, falling back to 1 (remembered) on servers that reject
/// 0. A server that ignores echo (fewer logprobs than prompt tokens) fails loudly. With
/// <paramref name="perCandidate"/> and no terminator this is the paper's procedure for local models
/// (<see cref="StrategyNames.PaperForward"/>): one full request per candidate.
/// </summary>
internal sealed class EchoStrategy(bool perCandidate) : IScoringStrategy
{
    public string Name => perCandidate ? StrategyNames.PaperForward : StrategyNames.Echo;

    public bool ScoresTerminator(bool requested) => !perCandidate && requested;

    public async Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.Endpoint;
        var terminator = ScoresTerminator(context.Terminator);
        var byIds = endpoint.Model.Tokenizer == TokenizerKind.Server;
        var tokens = byIds ? await PromptTokens.ForAsync(endpoint, context.Prompt, terminator, cancellationToken) : null;
        var texts = context.Prompt.Candidates.Select(c => c.Answer + (terminator ? "\n" : string.Empty)).ToArray();
        var batch = perCandidate ? 1 : endpoint.Model.EchoBatchSize;
        var scores = new double[texts.Length];
        var chunks = Enumerable.Range(0, texts.Length).Chunk(batch).ToList();
        await Task.WhenAll(chunks.Select(async chunk =>
        {
            var prompts = chunk.Select(i => tokens is null
                ? PromptInput.FromText(context.Prompt.Text + texts[i])
                : PromptInput.FromIds([.. tokens.Context, .. tokens.Candidates[i]])).ToList();
            var (result, maxTokens) = await SendAsync(context, prompts, cancellationToken);
            if (result.Choices.Count != prompts.Count)
            {
                throw new EndpointException(context.Model, $"answered {result.Choices.Count} choices to an echo request of {prompts.Count} prompts");
            }

            if (tokens is null)
            {
                CheckTextPromptCount(context, result, chunk, texts);
            }

            for (var j = 0; j < chunk.Length; j++)
            {
                var i = chunk[j];
                var positions = result.Choices[j].Logprobs ?? throw EchoIgnored(context, 0, "no logprobs");
                scores[i] = tokens is null
                    ? SumByOffset(context, positions, context.Prompt.Text.Length, (context.Prompt.Text + texts[i]).Length)
                    : SumById(context, positions, tokens.Context.Length, tokens.Candidates[i].Length, maxTokens);
            }
        }));

        return [.. context.Prompt.Candidates.Select((c, i) => new CandidateScore(c.Task, c.Answer, scores[i], Exactness.Exact))];
    }

    private static async Task<(CompletionResult Result, int MaxTokens)> SendAsync(ScoringContext context, List<PromptInput> prompts, CancellationToken cancellationToken)
    {
        var maxTokens = context.State.EchoMaxTokens;
        try
        {
            var response = await context.Endpoint.CompleteAsync(new CompletionCall(prompts, maxTokens, Logprobs: 1, Echo: true, LogprobsOnly: true), cancellationToken);
            context.Cost.Record(response);
            return (response.Value, maxTokens);
        }
        catch (EndpointException e) when (maxTokens == 0 && e.StatusCode == 400 && e.Cause.Contains("max_tokens", StringComparison.OrdinalIgnoreCase))
        {
            // Some servers (older vLLM, OpenAI) reject max_tokens 0: generate one token and drop it.
            context.State.EchoNeedsOneToken();
            var response = await context.Endpoint.CompleteAsync(new CompletionCall(prompts, 1, Logprobs: 1, Echo: true, LogprobsOnly: true), cancellationToken);
            context.Cost.Record(response);
            return (response.Value, 1);
        }
    }

    private static double SumById(ScoringContext context, IReadOnlyList<TokenPosition> positions, int contextLength, int candidateLength, int maxTokens)
    {
        var sent = contextLength + candidateLength;
        if (positions.Count < sent)
        {
            throw EchoIgnored(context, positions.Count, $"{positions.Count} token logprobs for {sent} prompt tokens");
        }

        if (positions.Count > sent + maxTokens)
        {
            throw new EndpointException(context.Model, $"echoed {positions.Count} token logprobs for {sent} prompt tokens and at most {maxTokens} generated");
        }

        return Sum(context, positions, contextLength, sent);
    }

    private static double SumByOffset(ScoringContext context, IReadOnlyList<TokenPosition> positions, int contextChars, int totalChars)
    {
        if (positions.Count == 0 || positions[0].TextOffset is not 0)
        {
            throw EchoIgnored(context, positions.Count, "the logprobs do not start at the prompt's first character");
        }

        var start = -1;
        var end = positions.Count;
        for (var j = 0; j < positions.Count; j++)
        {
            var offset = positions[j].TextOffset ?? throw new EndpointException(context.Model, "echoed logprobs without text_offset; configure Tokenizer: server to send token ids");
            if (offset == contextChars && start < 0)
            {
                start = j;
            }

            if (offset >= totalChars)
            {
                end = j;
                break;
            }
        }

        if (start < 0)
        {
            throw new EndpointException(context.Model, "tokenised the prompt so that a token spans the end of the context and the start of the answer; the answer's probability cannot be separated (configure a server tokeniser to send token ids)");
        }

        return Sum(context, positions, start, end);
    }

    private static double Sum(ScoringContext context, IReadOnlyList<TokenPosition> positions, int from, int to)
    {
        var sum = 0.0;
        for (var j = from; j < to; j++)
        {
            sum += WireParser.Normalize(positions[j].Logprob ?? throw new EndpointException(context.Model, $"echoed a null logprob at position {j}, inside the answer"));
        }

        return sum;
    }

    private static void CheckTextPromptCount(ScoringContext context, CompletionResult result, int[] chunk, string[] texts)
    {
        // Text prompts: the server's own count of prompt tokens must match the echoed positions inside the prompts.
        long echoed = 0;
        for (var j = 0; j < chunk.Length; j++)
        {
            var length = (context.Prompt.Text + texts[chunk[j]]).Length;
            echoed += result.Choices[j].Logprobs?.Count(p => p.TextOffset < length) ?? 0;
        }

        if (result.Usage.PromptTokens > 0 && echoed != result.Usage.PromptTokens)
        {
            throw EchoIgnored(context, (int)echoed, $"{echoed} echoed prompt tokens but the server counted {result.Usage.PromptTokens}");
        }
    }

    private static EndpointException EchoIgnored(ScoringContext context, int count, string detail) =>
        new(context.Model, $"ignored echo ({detail}); every candidate would score alike, so nothing is reported. Use --strategy trie or chat for this server");
}
