using Superposition.Scores;
using Superposition.Scoring.Backends;

namespace Superposition.Scoring.Strategies;

/// <summary>Adds up what the backend calls of one prompt cost; thread-safe (a prompt's calls may run in parallel).</summary>
internal sealed class CostMeter
{
    private readonly Lock _lock = new();
    private int _requests;
    private long _promptTokens;
    private long _cachedTokens;
    private long _completionTokens;

    /// <summary>Records a reply's cost and returns its value.</summary>
    public T Record<T>(BackendReply<T> reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (_lock)
        {
            _requests += reply.Usage.Requests;
            _promptTokens += reply.Usage.PromptTokens;
            _cachedTokens += reply.Usage.CachedTokens;
            _completionTokens += reply.Usage.CompletionTokens;
        }

        return reply.Value;
    }

    public ScoringCost ToCost(double latencyMilliseconds)
    {
        lock (_lock)
        {
            return new ScoringCost(_requests, _promptTokens, _cachedTokens, _completionTokens, latencyMilliseconds);
        }
    }
}
