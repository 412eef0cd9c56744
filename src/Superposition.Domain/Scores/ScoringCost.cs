namespace Superposition.Scores;

/// <summary>What scoring cost: requests, tokens as the endpoint reported them, and time.</summary>
/// <param name="Requests">HTTP requests that got an answer (retries included).</param>
/// <param name="PromptTokens">Prompt tokens the endpoint reported, summed over requests.</param>
/// <param name="CachedTokens">Of those, tokens read from the endpoint's prefix cache (not prefilled again).</param>
/// <param name="CompletionTokens">Generated tokens.</param>
/// <param name="LatencyMilliseconds">Wall time from the first request to the last answer.</param>
public sealed record ScoringCost(int Requests, long PromptTokens, long CachedTokens, long CompletionTokens, double LatencyMilliseconds)
{
    public static ScoringCost None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Prompt tokens the endpoint had to prefill: prompt tokens less cached ones.</summary>
    public long PrefilledTokens => PromptTokens - CachedTokens;

    public ScoringCost Add(ScoringCost other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Requests + other.Requests, PromptTokens + other.PromptTokens, CachedTokens + other.CachedTokens, CompletionTokens + other.CompletionTokens, LatencyMilliseconds + other.LatencyMilliseconds);
    }
}
