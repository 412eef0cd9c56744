using Superposition.Scores;
using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring.Strategies;

/// <summary>Adds up what the requests of one prompt cost; thread-safe (a prompt's requests may run in parallel).</summary>
internal sealed class CostMeter
{
    private readonly Lock _lock = new();
    private int _requests;
    private WireUsage _usage = WireUsage.None;

    public void Record<T>(WireResponse<T> response)
    {
        lock (_lock)
        {
            _requests += response.Requests;
            _usage = _usage.Add(response.Usage);
        }
    }

    public ScoringCost ToCost(double latencyMilliseconds)
    {
        lock (_lock)
        {
            return new ScoringCost(_requests, _usage.PromptTokens, _usage.CachedTokens, _usage.CompletionTokens, latencyMilliseconds);
        }
    }
}
