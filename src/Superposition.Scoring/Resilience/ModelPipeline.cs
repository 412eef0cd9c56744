using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Superposition.Scoring.Models;
using Superposition.Scoring.Telemetry;

namespace Superposition.Scoring.Resilience;

/// <summary>
/// The resilience pipeline of one model (Microsoft.Extensions.Http.Resilience over Polly), outermost first:
/// retry (408, 429, 5xx, timeouts, connection failures, malformed bodies; exponential backoff with jitter, or the
/// server's retry-after-ms / Retry-After, capped), circuit breaker, the model's request-rate and concurrency
/// limits (inside the retry, so that backoff waits hold no slot), and the per-attempt timeout. Other 4xx answers
/// (bad key, unknown model, a model that refuses logprobs) pass through at once: they are the caller's error.
/// Each retry is counted by reason (<see cref="RetryTelemetry"/>).
/// </summary>
internal static class ModelPipeline
{
    /// <summary>The pipeline; <paramref name="limits"/> false leaves out the rate and concurrency limits (tokenisation does not queue for the GPU).</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(ModelDescriptor model, TimeProvider time, out IDisposable limiters, bool limits = true)
    {
        var r = model.Resilience;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time, Name = "superposition-" + model.Name };
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(r.MaxRetryAttempts, 0) == 0 ? 1 : r.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = r.RetryBaseDelay,
            MaxDelay = r.MaxRetryDelay,
            ShouldHandle = args => ValueTask.FromResult(r.MaxRetryAttempts > 0 && IsTransient(args.Outcome)),
            // Never earlier than the server asked; up to 10% later, so that requests limited together do not return together.
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Result is { } response && RetryAfter.From(response.Headers, time) is { } wait
                    ? (TimeSpan?)(wait > r.MaxRetryDelay ? r.MaxRetryDelay : wait * (1 + (0.1 * Random.Shared.NextDouble())))
                    : null),
            OnRetry = args =>
            {
                RetryTelemetry.Record(model.Name, args.Outcome);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = r.CircuitBreakerFailureRatio,
            MinimumThroughput = r.CircuitBreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = r.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        });

        var owned = new List<IDisposable>();
        if (!limits)
        {
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = r.AttemptTimeout });
            limiters = new Disposables(owned);
            return builder.Build();
        }

        if (model.RequestsPerMinute is { } rpm)
        {
            var window = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = rpm,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            owned.Add(window);
            builder.AddRateLimiter(window);
        }

        var concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = model.MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        owned.Add(concurrency);
        builder.AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = args => concurrency.AcquireAsync(1, args.Context.CancellationToken) });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = r.AttemptTimeout });
        limiters = new Disposables(owned);
        return builder.Build();
    }

    /// <summary>What is worth another attempt: 408, 429, 5xx, a timed-out attempt, a dropped connection, a malformed body, an open breaker.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException or MalformedResponseException or BrokenCircuitException or HttpRequestException or IOException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

    private sealed class Disposables(List<IDisposable> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
