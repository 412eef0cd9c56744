namespace Superposition.Scoring.Models;

/// <summary>Resolved retry, timeout and circuit-breaker settings of one model (see <see cref="ModelOptions"/> for defaults).</summary>
public sealed record ResilienceSettings(
    TimeSpan AttemptTimeout,
    int MaxRetryAttempts,
    TimeSpan RetryBaseDelay,
    TimeSpan MaxRetryDelay,
    double CircuitBreakerFailureRatio,
    int CircuitBreakerMinimumThroughput,
    TimeSpan CircuitBreakerBreakDuration);
