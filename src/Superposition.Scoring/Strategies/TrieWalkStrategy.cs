using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Walks the candidates' token trie through continuations with top-k logprobs, one call per trie node some
/// unresolved candidate still needs, all nodes of a round in parallel. Each call sends context ids + the
/// node's prefix ids and samples (temperature 1, seeded; <see cref="SamplesAt"/> choices) as many tokens as the
/// longest candidate below the node still needs: the list at each generated position reveals the node the
/// generated tokens lead to, so one request often resolves whole paths. Requests carry no prompt logprobs, so the server's prefix cache serves the
/// context: about one prompt of prefill per scored prompt. Exact while every needed token is in its top-k list,
/// else an upper bound. Tokens are matched by id (vLLM's return_tokens_as_token_ids), else by bytes or string; a
/// listed token that cannot be identified (a partial UTF-8 "bytes:" string) can only loosen a bound.
/// </summary>
internal sealed class TrieWalkStrategy : IScoringStrategy
{
    /// <summary>Most samples one reveal request draws.</summary>
    public const int MaxSamples = 16;

    public string Name => StrategyNames.Trie;

    public async Task<IReadOnlyList<CandidateScore>> ScoreAsync(ScoringContext context, CancellationToken cancellationToken)
    {
        var backend = context.Backend;
        var tokens = await PromptTokens.ForAsync(backend, context.Prompt, context.Terminator, cancellationToken);
        var trie = new CandidateTrie(tokens.Candidates, backend.TokenInfo);
        var k = backend.Capabilities.CompletionTopK;
        var resolutions = await WalkAsync(trie, node => RevealAsync(context, tokens, trie, node, k, cancellationToken));
        return Scores(context, trie, tokens.AnswerLengths, resolutions);
    }

    /// <summary>
    /// Both measures from one walked trie: P(answer + "\n") is the candidate's whole path, the prefix-inclusive P
    /// its answer's part, which the walk revealed on the way (a token missing from a list inside the answer makes
    /// both bounds; a missing terminator only the first).
    /// </summary>
    public static IReadOnlyList<CandidateScore> Scores(ScoringContext context, CandidateTrie trie, IReadOnlyList<int> answerLengths, IReadOnlyList<CandidateTrie.Resolution> resolutions) =>
        [.. context.Prompt.Candidates.Select((c, i) =>
        {
            var prefix = trie.Resolve(i, answerLengths[i]);
            return new CandidateScore(
                c.Task,
                c.Answer,
                context.Terminator ? Probability(resolutions[i]) : null,
                Probability(prefix));
        })];

    /// <summary>A resolution as a probability: a node still needed (a chat walk that ran out of requests) leaves an upper bound.</summary>
    private static AnswerProbability Probability(CandidateTrie.Resolution resolution) =>
        new(resolution.LogProbability, resolution.Needed is null ? resolution.Exactness : Exactness.Bound);

    /// <summary>Reveals, round by round, every node an unresolved candidate needs, until all are resolved.</summary>
    public static async Task<CandidateTrie.Resolution[]> WalkAsync(CandidateTrie trie, Func<CandidateTrie.Node, Task> reveal)
    {
        while (true)
        {
            var resolutions = Enumerable.Range(0, trie.Count).Select(c => trie.Resolve(c)).ToArray();
            var needed = resolutions.Where(r => r.Needed is not null).Select(r => r.Needed!).Distinct().ToList();
            if (needed.Count == 0)
            {
                return resolutions;
            }

            await Task.WhenAll(needed.Select(reveal));
            if (needed.Any(n => n.Top is null))
            {
                throw new InvalidOperationException("A reveal request returned without revealing its node.");
            }
        }
    }

    /// <summary>
    /// Samples drawn at a node: one per candidate below it (at most <see cref="MaxSamples"/>) where the server
    /// answers several choices. They share one prefill of the prompt, and each sampled path reveals the lists along
    /// it, so the likely candidates' deeper nodes come with the first request instead of a request each, and every
    /// further request re-prefills the unaligned tail of the prompt that the 16-token cache blocks cannot hold.
    /// </summary>
    public static int SamplesAt(CandidateTrie.Node node, bool multipleChoices) =>
        multipleChoices && node.MaxRemaining > 1 ? Math.Clamp(node.Leaves, 1, MaxSamples) : 1;

    private static async Task RevealAsync(ScoringContext context, PromptTokens tokens, CandidateTrie trie, CandidateTrie.Node node, int k, CancellationToken cancellationToken)
    {
        var n = SamplesAt(node, context.Backend.Capabilities.MultipleChoices);
        var request = new GenerationRequest(
            [.. tokens.Context, .. node.Prefix],
            PromptText: null,
            MaxTokens: Math.Max(1, node.MaxRemaining),
            TopK: k,
            N: n,
            Temperature: 1.0,
            Seed: SeedOf(context, node),
            TokenIds: true);
        var choices = context.Cost.Record(await context.Backend.GenerateAsync(request, cancellationToken));
        if (choices.Count is 0 || choices.Count > n)
        {
            throw new EndpointException(context.Model, $"answered {choices.Count} choices to a one-prompt request for {n}");
        }

        foreach (var choice in choices)
        {
            var positions = choice.Positions is { Count: > 0 } p ? p : throw new EndpointException(context.Model, "returned no logprobs of the generated token (logprobs refused or ignored)");
            trie.RevealPath(node, positions, k);
        }
    }

    private static long SeedOf(ScoringContext context, CandidateTrie.Node node) =>
        context.SeedFor("trie", string.Join(',', node.Prefix));
}
