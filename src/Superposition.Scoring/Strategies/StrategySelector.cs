using System.Collections.Concurrent;
using Superposition.Scoring.Endpoints;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Strategies;

/// <summary>
/// Picks the strategy for <c>auto</c>, once per model, and remembers it: the model's DefaultStrategy when set;
/// else echo where a probe shows the server echoes prompt logprobs (exact, one request per prompt); else trie
/// where completions return top-k logprobs (exact while tokens are in the top-k, about one prompt of prefill);
/// else chat (prefill on vLLM-style servers, a top_logprobs walk elsewhere) where candidates can be tokenised;
/// else sample. Probes are two tiny requests at most; a transient probe failure is not remembered.
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
    public async Task<IScoringStrategy> ResolveAsync(string strategy, ModelEndpoint endpoint, EndpointState state, CancellationToken cancellationToken)
    {
        var name = strategy == StrategyNames.Auto ? endpoint.Model.DefaultStrategy : strategy;
        if (name == StrategyNames.Auto)
        {
            var lazy = _detected.GetOrAdd(endpoint.Model.Name, _ => new Lazy<Task<string>>(() => DetectAsync(endpoint, state, cancellationToken)));
            try
            {
                name = await lazy.Value;
            }
            catch
            {
                _detected.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(endpoint.Model.Name, lazy));
                throw;
            }
        }

        return Strategies.TryGetValue(name, out var s)
            ? s
            : throw new ArgumentException($"Unknown strategy '{strategy}'; expected one of {string.Join(", ", StrategyNames.All)}.", nameof(strategy));
    }

    private static async Task<string> DetectAsync(ModelEndpoint endpoint, EndpointState state, CancellationToken cancellationToken)
    {
        var model = endpoint.Model;
        if (model.HasCompletions && endpoint.CanTokenize && model.Kind != ModelKind.LlamaCpp)
        {
            if (await ProbeAsync(() => ProbeEchoAsync(endpoint, state, cancellationToken)))
            {
                return StrategyNames.Echo;
            }
        }

        if (model.HasCompletions && endpoint.CanTokenize)
        {
            if (await ProbeAsync(() => ProbeTopLogprobsAsync(endpoint, cancellationToken)))
            {
                return StrategyNames.Trie;
            }
        }

        return endpoint.CanTokenize || model.HasVllmExtras ? StrategyNames.Chat : StrategyNames.Sample;
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

    private static async Task<bool> ProbeEchoAsync(ModelEndpoint endpoint, EndpointState state, CancellationToken cancellationToken)
    {
        var context = await endpoint.TokenizeAsync(ProbeContext, true, cancellationToken);
        var answer = await endpoint.TokenizeAsync(ProbeAnswer, false, cancellationToken);
        int[] ids = [.. context, .. answer];
        WireResponse<CompletionResult> response;
        try
        {
            response = await endpoint.CompleteAsync(new CompletionCall([PromptInput.FromIds(ids)], state.EchoMaxTokens, Logprobs: 1, Echo: true), cancellationToken);
        }
        catch (EndpointException e) when (state.EchoMaxTokens == 0 && e.StatusCode == 400 && e.Cause.Contains("max_tokens", StringComparison.OrdinalIgnoreCase))
        {
            state.EchoNeedsOneToken();
            response = await endpoint.CompleteAsync(new CompletionCall([PromptInput.FromIds(ids)], 1, Logprobs: 1, Echo: true), cancellationToken);
        }

        return response.Value.Choices is [{ Logprobs: { } positions }] && positions.Count >= ids.Length;
    }

    private static async Task<bool> ProbeTopLogprobsAsync(ModelEndpoint endpoint, CancellationToken cancellationToken)
    {
        var context = await endpoint.TokenizeAsync(ProbeContext, true, cancellationToken);
        var response = await endpoint.CompleteAsync(new CompletionCall([PromptInput.FromIds(context)], 1, Logprobs: endpoint.Model.CompletionTopLogprobs), cancellationToken);
        return response.Value.Choices is [{ Logprobs: [{ Top.Count: > 0 }, ..] }];
    }
}
