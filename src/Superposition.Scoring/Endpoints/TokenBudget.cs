using System.Threading.RateLimiting;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// A model's TokensPerMinute limit: a token bucket refilled every second, from which each generation request takes
/// its estimated tokens (at most a minute's worth, so that one large request cannot wait forever).
/// </summary>
internal sealed class TokenBudget : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;
    private readonly int _perMinute;

    public TokenBudget(int tokensPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerMinute);
        _perMinute = tokensPerMinute;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokensPerMinute,
            TokensPerPeriod = Math.Max(1, tokensPerMinute / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            AutoReplenishment = true,
        });
    }

    public async Task AcquireAsync(long tokens, CancellationToken cancellationToken)
    {
        using var lease = await _bucket.AcquireAsync((int)Math.Clamp(tokens, 1, _perMinute), cancellationToken);
    }

    public void Dispose() => _bucket.Dispose();
}
