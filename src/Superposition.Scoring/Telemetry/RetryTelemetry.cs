using System.Net;
using Polly;
using Polly.Timeout;
using Superposition.Scoring.Resilience;
using A = Superposition.Scoring.Telemetry.ScoringTelemetry.Attributes;
using R = Superposition.Scoring.Telemetry.ScoringTelemetry.RetryReasons;

namespace Superposition.Scoring.Telemetry;

/// <summary>Counts a model call's retries by reason: the retry strategy's OnRetry (<see cref="ModelPipeline"/>).</summary>
internal static class RetryTelemetry
{
    public static void Record(string model, Outcome<HttpResponseMessage> outcome)
    {
        ItemTelemetry.Current?.Retried();
        if (ScoringTelemetry.ModelRetriesCounter.Enabled)
        {
            ScoringTelemetry.ModelRetriesCounter.Add(1, new(A.Model, model), new(A.Reason, Reason(outcome)));
        }
    }

    /// <summary>Why an attempt is retried: 429, 5xx, timeout (the attempt's, or an HTTP 408), malformed, or other (a dropped connection, an open breaker).</summary>
    public static string Reason(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => R.Timeout,
        { Exception: MalformedResponseException } => R.Malformed,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => R.RateLimited,
        { Result.StatusCode: HttpStatusCode.RequestTimeout } => R.Timeout,
        { Result: { } response } when (int)response.StatusCode >= 500 => R.ServerError,
        _ => R.Other,
    };
}
