using Superposition.Scores;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Chat completions. On servers with vLLM's extras: teacher forcing by prefill, one request per candidate with
/// the prompt as the user message and the candidate as a continued assistant message
/// (<c>continue_final_message</c>, <c>add_generation_prompt: false</c>) and <c>prompt_logprobs</c>; the answer's
/// tokens are those after the rendering of the prompt alone (checked to be a prefix), and the number of prompt
/// logprobs must equal the rendered length. Exact. Elsewhere (OpenAI, Azure OpenAI, llama.cpp, Ollama, through
/// the official SDK): no prefill exists, so sampled replies (temperature 1, top_logprobs) reveal the candidates'
/// trie along their paths, for at most <see cref="ScoringSettings.ChatWalkMaxRequests"/> requests; candidates
/// whose path was revealed are exact, the others get upper bounds.
/// </summary>
internal sealed class ChatStrategy : IScoringStrategy
{
    public string Name => StrategyNames.Chat;

    public bool ScoresTerminator(bool requested) => requested;

    public Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken) =>
        context.Endpoint.Model.HasVllmExtras ? PrefillAsync(context, cancellationToken) : WalkAsync(context, cancellationToken);

    private static async Task<IReadOnlyList<CandidateScore>> PrefillAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.Endpoint;
        var user = new ChatMessageInput("user", context.Prompt.Text);
        var contextIds = await endpoint.TokenizeChatAsync([user, new ChatMessageInput("assistant", string.Empty)], cancellationToken);
        var scores = await Task.WhenAll(context.Prompt.Candidates.Select(async candidate =>
        {
            var text = candidate.Answer + (context.Terminator ? "\n" : string.Empty);
            IReadOnlyList<ChatMessageInput> messages = [user, new ChatMessageInput("assistant", text)];
            var full = await endpoint.TokenizeChatAsync(messages, cancellationToken);
            if (full.Length <= contextIds.Length || !full.AsSpan(0, contextIds.Length).SequenceEqual(contextIds))
            {
                throw new EndpointException(context.Model, $"renders the chat so that the answer '{candidate.Answer}' changes the prompt's tokens; its probability cannot be separated by prefill (use echo)");
            }

            var response = await endpoint.ChatAsync(new ChatCall(messages, MaxTokens: 1, PromptLogprobs: 0, ContinueFinalMessage: true), cancellationToken);
            context.Cost.Record(response);
            var logprobs = response.Value.PromptLogprobs ?? throw new EndpointException(context.Model, "answered a prefill request without prompt_logprobs");
            if (logprobs.Count != full.Length)
            {
                throw new EndpointException(context.Model, $"returned {logprobs.Count} prompt logprobs for {full.Length} prompt tokens");
            }

            var sum = 0.0;
            for (var j = contextIds.Length; j < full.Length; j++)
            {
                var entry = logprobs[j] ?? throw new EndpointException(context.Model, $"returned no prompt logprob at position {j}, inside the answer");
                sum += WireParser.Normalize(entry.TryGetValue(full[j], out var lp) ? lp : throw new EndpointException(context.Model, $"prompt logprobs at position {j} do not list the prompt's token {full[j]}"));
            }

            return new CandidateScore(candidate.Task, candidate.Answer, sum, Exactness.Exact);
        }));
        return scores;
    }

    private static async Task<IReadOnlyList<CandidateScore>> WalkAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.Endpoint;
        if (!endpoint.CanTokenize)
        {
            throw new EndpointException(context.Model, "chat scoring needs the candidates' tokens; set Tokenizer (o200k_base, cl100k_base or server) or use --strategy sample");
        }

        var newline = context.Terminator ? await endpoint.TokenizeAsync("\n", false, cancellationToken) : [];
        var sequences = new List<int[]>();
        foreach (var candidate in context.Prompt.Candidates)
        {
            sequences.Add([.. await endpoint.TokenizeAsync(candidate.Answer, false, cancellationToken), .. newline]);
        }

        var trie = new CandidateTrie(sequences, endpoint.TokenInfo);
        var k = Math.Min(20, endpoint.Model.MaxTopLogprobs);
        var n = !endpoint.Model.HasMultipleChoices ? 1 : Math.Max(1, context.Settings.ChatWalkSamples);
        var messages = new[] { new ChatMessageInput("user", context.Prompt.Text) };
        for (var round = 0; round < Math.Max(1, context.Settings.ChatWalkMaxRequests); round++)
        {
            var call = new ChatCall(messages, MaxTokens: trie.Root.MaxRemaining, TopLogprobs: k, N: n, Temperature: 1.0, Seed: context.SeedFor("chat", round.ToString(System.Globalization.CultureInfo.InvariantCulture)), TokenIdsInLogprobs: true);
            var response = await endpoint.ChatAsync(call, cancellationToken);
            context.Cost.Record(response);
            if (response.Value.Choices.Count == 0 || response.Value.Choices.All(c => c.Logprobs is null or { Count: 0 }))
            {
                throw new EndpointException(context.Model, "answered without logprobs (the model refuses or ignores logprobs)");
            }

            foreach (var choice in response.Value.Choices)
            {
                trie.RevealPath(trie.Root, choice.Logprobs ?? [], k);
            }

            if (Enumerable.Range(0, trie.Count).All(c => trie.Resolve(c).Needed is null))
            {
                break;
            }
        }

        // A candidate whose path was never sampled keeps the bound of its revealed prefix.
        return [.. context.Prompt.Candidates.Select((c, i) => trie.Resolve(i) is var r ? new CandidateScore(c.Task, c.Answer, r.LogProbability, r.Needed is null ? r.Exactness : Exactness.Bound) : null!)];
    }
}
