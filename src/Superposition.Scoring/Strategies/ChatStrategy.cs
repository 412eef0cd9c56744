using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Chat completions. On servers with vLLM's extras: teacher forcing by prefill, one request per candidate with
/// the prompt as the user message and the candidate as a continued assistant message
/// (<c>continue_final_message</c>, <c>add_generation_prompt: false</c>) and <c>prompt_logprobs</c>; the answer's
/// tokens are those after the rendering of the prompt alone (checked to be a prefix), and the number of prompt
/// logprobs must equal the rendered length. Exact, both measures from one request per candidate (two where the
/// tokenizer merges the answer's end with its "\n"). Elsewhere (OpenAI, Azure OpenAI, llama.cpp, Ollama, through
/// the official SDK): no prefill exists, so sampled replies (temperature 1, top_logprobs) reveal the candidates'
/// trie along their paths, for at most <see cref="ScoringOptions.ChatWalkMaxRequests"/> requests; candidates
/// whose path was revealed are exact, the others get upper bounds; both measures come from the same walk.
/// </summary>
internal sealed class ChatStrategy : IScoringStrategy
{
    public string Name => StrategyNames.Chat;

    public Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken) =>
        context.Backend.Capabilities.ChatPrefill ? PrefillAsync(context, cancellationToken) : WalkAsync(context, cancellationToken);

    private static async Task<IReadOnlyList<CandidateScore>> PrefillAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var backend = context.Backend;
        var user = new ChatTurn("user", context.Prompt.Text);
        var contextIds = await backend.EncodeChatAsync([user, new ChatTurn("assistant", string.Empty)], cancellationToken);
        var scores = await Task.WhenAll(context.Prompt.Candidates.Select(async candidate =>
        {
            var answerIds = await RenderedAsync(context, user, contextIds, candidate.Answer, cancellationToken);
            if (!context.Terminator)
            {
                var alone = await PrefillSumsAsync(context, user, candidate.Answer, answerIds, contextIds.Length, [answerIds.Length], cancellationToken);
                return new CandidateScore(candidate.Task, candidate.Answer, null, AnswerProbability.Exact(alone[0]));
            }

            var fullIds = await RenderedAsync(context, user, contextIds, candidate.Answer + "\n", cancellationToken);

            // The template renders the whole conversation as one text, so the answer's tokens are a prefix of the
            // answer-and-"\n" tokens unless the tokenizer merges the answer's end with the "\n"; then the
            // prefix-inclusive P needs a request of its own.
            var shared = fullIds.Length > answerIds.Length && fullIds.AsSpan(0, answerIds.Length).SequenceEqual(answerIds);
            var sums = await PrefillSumsAsync(context, user, candidate.Answer + "\n", fullIds, contextIds.Length, shared ? [answerIds.Length, fullIds.Length] : [fullIds.Length], cancellationToken);
            var prefix = shared ? sums[0] : (await PrefillSumsAsync(context, user, candidate.Answer, answerIds, contextIds.Length, [answerIds.Length], cancellationToken))[0];
            return new CandidateScore(candidate.Task, candidate.Answer, AnswerProbability.Exact(sums[^1]), AnswerProbability.Exact(prefix));
        }));
        return scores;
    }

    /// <summary>The ids of the chat with <paramref name="assistant"/> as the continued reply, checked to extend the prompt's ids.</summary>
    private static async Task<int[]> RenderedAsync(ScoringContext context, ChatTurn user, int[] contextIds, string assistant, CancellationToken cancellationToken)
    {
        var ids = await context.Backend.EncodeChatAsync([user, new ChatTurn("assistant", assistant)], cancellationToken);
        return ids.Length <= contextIds.Length || !ids.AsSpan(0, contextIds.Length).SequenceEqual(contextIds)
            ? throw new EndpointException(context.Model, $"renders the chat so that the reply '{assistant.TrimEnd('\n')}' changes the prompt's tokens; its probability cannot be separated by prefill (use echo)")
            : ids;
    }

    /// <summary>One prefill request of the reply; the sums of its prompt logprobs from the prompt's end to each of <paramref name="ends"/>.</summary>
    private static async Task<double[]> PrefillSumsAsync(ScoringContext context, ChatTurn user, string assistant, int[] ids, int start, int[] ends, CancellationToken cancellationToken)
    {
        var logprobs = context.Cost.Record(await context.Backend.ChatPrefillAsync([user, new ChatTurn("assistant", assistant)], cancellationToken));
        if (logprobs.Count != ids.Length)
        {
            throw new EndpointException(context.Model, $"returned {logprobs.Count} prompt logprobs for {ids.Length} prompt tokens");
        }

        var sums = new double[ends.Length];
        var sum = 0.0;
        var next = 0;
        for (var j = start; j < ids.Length && next < ends.Length; j++)
        {
            var entry = logprobs[j] ?? throw new EndpointException(context.Model, $"returned no prompt logprob at position {j}, inside the answer");
            sum += ServedLogprobs.Normalize(entry.TryGetValue(ids[j], out var lp) ? lp : throw new EndpointException(context.Model, $"prompt logprobs at position {j} do not list the prompt's token {ids[j]}"));
            while (next < ends.Length && j + 1 == ends[next])
            {
                sums[next++] = sum;
            }
        }

        return sums;
    }

    private static async Task<IReadOnlyList<CandidateScore>> WalkAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var backend = context.Backend;
        if (!backend.Capabilities.CanTokenize)
        {
            throw new EndpointException(context.Model, "chat scoring needs the candidates' tokens; set Tokenizer (o200k_base, cl100k_base or server) or use --strategy sample");
        }

        var newline = context.Terminator ? await backend.EncodeAsync("\n", false, cancellationToken) : [];
        var sequences = new List<int[]>();
        var answerLengths = new List<int>();
        foreach (var candidate in context.Prompt.Candidates)
        {
            var answer = await backend.EncodeAsync(candidate.Answer, false, cancellationToken);
            sequences.Add([.. answer, .. newline]);
            answerLengths.Add(answer.Length);
        }

        var trie = new CandidateTrie(sequences, backend.TokenInfo);
        var k = Math.Min(20, backend.Capabilities.ChatTopK);
        var n = !backend.Capabilities.MultipleChoices ? 1 : Math.Max(1, context.Settings.ChatWalkSamples);
        var messages = new[] { new ChatTurn("user", context.Prompt.Text) };
        for (var round = 0; round < Math.Max(1, context.Settings.ChatWalkMaxRequests); round++)
        {
            var call = new ChatGenerationRequest(messages, MaxTokens: trie.Root.MaxRemaining, TopK: k, N: n, Temperature: 1.0, Seed: context.SeedFor("chat", round.ToString(System.Globalization.CultureInfo.InvariantCulture)), TokenIds: true);
            var choices = context.Cost.Record(await backend.ChatAsync(call, cancellationToken));
            if (choices.Count == 0 || choices.All(c => c.Positions is null or { Count: 0 }))
            {
                throw new EndpointException(context.Model, "answered without logprobs (the model refuses or ignores logprobs)");
            }

            foreach (var choice in choices)
            {
                trie.RevealPath(trie.Root, choice.Positions ?? [], k);
            }

            if (Enumerable.Range(0, trie.Count).All(c => trie.Resolve(c).Needed is null))
            {
                break;
            }
        }

        // A candidate whose path was never sampled keeps the bound of its revealed prefix.
        return TrieWalkStrategy.Scores(context, trie, answerLengths, [.. Enumerable.Range(0, trie.Count).Select(c => trie.Resolve(c))]);
    }
}
