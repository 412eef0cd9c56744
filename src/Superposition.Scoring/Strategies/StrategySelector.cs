using System.Collections.Concurrent;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Picks the strategy for <c>auto</c>, once per model, and remembers it: the model's DefaultStrategy when set;
/// else echo where the backend's log-likelihood is exact (a model in this process says so; a server is probed:
/// does it echo prompt logprobs?); else trie where continuations return top-k logprobs (exact while tokens are in
/// the top-k, about one prompt of prefill); else chat (prefill on vLLM-style servers, a top_logprobs walk
/// elsewhere) where candidates can be tokenised; else sample. Probes are two tiny calls at most; a transient probe
/// failure is not remembered.
/// </summary>
internal sealed class StrategySelector
{
    private const string ProbeContext = "a->b\nc->";
    private const string ProbeAnswer = "d";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _detected = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IScoringStrategy> Strategies { get; } = new Dictionary<string, IScoringStrategy>(StringComparer.Ordinal)
    {
        [StrategyNames.Echo] = new EchoStrategy(),
        [StrategyNames.PaperForward] = new PaperForwardStrategy(),
        [StrategyNames.Trie] = new TrieWalkStrategy(),
        [StrategyNames.Chat] = new ChatStrategy(),
        [StrategyNames.Sample] = new SamplingStrategy(),
        [StrategyNames.PaperBeam] = new PaperBeamStrategy(),
        [StrategyNames.Beam] = new BeamStrategy(),
    };

    /// <summary>The strategy for a name; auto is detected (once per model).</summary>
    public async Task<IScoringStrategy> ResolveAsync(string strategy, IScoringBackend backend, CancellationToken cancellationToken)
    {
        var name = strategy == StrategyNames.Auto ? backend.Model.DefaultStrategy : strategy;
        if (name == StrategyNames.Auto)
        {
            var lazy = _detected.GetOrAdd(backend.Model.Name, _ => new Lazy<Task<string>>(() => DetectAsync(backend, cancellationToken)));
            try
            {
                name = await lazy.Value;
            }
            catch
            {
                _detected.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(backend.Model.Name, lazy));
                throw;
            }
        }

        return Strategies.TryGetValue(name, out var s)
            ? s
            : throw new ArgumentException($"Unknown strategy '{strategy}'; expected one of {string.Join(", ", StrategyNames.All)}.", nameof(strategy));
    }

    private static async Task<string> DetectAsync(IScoringBackend backend, CancellationToken cancellationToken)
    {
        var capabilities = backend.Capabilities;
        if (capabilities.ExactLogLikelihood ?? await ProbeAsync(() => ProbeEchoAsync(backend, cancellationToken)))
        {
            return StrategyNames.Echo;
        }

        if (capabilities.Completions && capabilities.CanTokenize)
        {
            if (await ProbeAsync(() => ProbeTopLogprobsAsync(backend, cancellationToken)))
            {
                return StrategyNames.Trie;
            }
        }

        return capabilities.CanTokenize || capabilities.ChatPrefill ? StrategyNames.Chat : StrategyNames.Sample;
    }

    private static async Task<bool> ProbeAsync(Func<Task<bool>> probe)
    {
        try
        {
            return await probe();
        }
        catch (EndpointException e) when (!e.Transient)
        {
            // 4xx (no such route, echo or logprobs refused) or a server that ignores echo: not this strategy.
            return false;
        }
    }

    private static async Task<bool> ProbeEchoAsync(IScoringBackend backend, CancellationToken cancellationToken)
    {
        var context = await backend.EncodeAsync(ProbeContext, true, cancellationToken);
        var answer = await backend.EncodeAsync(ProbeAnswer, false, cancellationToken);

        // The backend checks that the logprobs cover every token sent (a server that ignores echo fails here).
        var reply = await backend.LogLikelihoodAsync([new Continuation(context, answer)], cancellationToken);
        return reply.Value is [{ } logprobs] && logprobs.Length == answer.Length;
    }

    private static async Task<bool> ProbeTopLogprobsAsync(IScoringBackend backend, CancellationToken cancellationToken)
    {
        var context = await backend.EncodeAsync(ProbeContext, true, cancellationToken);
        var reply = await backend.GenerateAsync(new GenerationRequest(context, null, 1, TopK: backend.Capabilities.CompletionTopK), cancellationToken);
        return reply.Value is [{ Positions: [{ Top.Count: > 0 }, ..] }];
    }
}
