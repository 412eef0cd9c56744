using System.Globalization;
using Microsoft.AspNetCore.Http;
using Superposition.ModelServer.Hosting;
using Superposition.Randomness;

namespace Superposition.ModelServer.Http;

/// <summary>
/// Counts every request and injects the configured faults, in this order: concurrency cap (429), latency,
/// hang, random 429, random 500/503, and a flag that makes the response writer cut the JSON body short.
/// Draws for request k come from a stream derived from (seed, k), a fixed number per request, so a run with
/// the same seed and request order injects the same faults. /stats and /health are neither faulted nor counted.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, ProtocolServerOptions options, ServerStats stats, Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime)
{
    public const string MalformedItem = "server.fault.malformed";

    private int _active;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path is "/stats" or "/health")
        {
            await next(context);
            return;
        }

        var number = stats.RequestStarted(Endpoint(path));
        int? status = null;
        var exempt = options.Faults.GenerationOnly && !path.EndsWith("completions", StringComparison.Ordinal);
        var capped = options.Faults.MaxConcurrentRequests > 0 && !exempt;
        try
        {
            if (exempt)
            {
                await next(context);
                return;
            }

            FaultOptions faults;
            try
            {
                faults = Effective(options.Faults, context.Request.Headers);
            }
            catch (ApiException e)
            {
                await ResponseWriter.WriteErrorAsync(context, e);
                return;
            }

            if (capped && Interlocked.Increment(ref _active) > faults.MaxConcurrentRequests)
            {
                stats.ConcurrencyRejected();
                await RateLimitAsync(context, faults, $"Too many concurrent requests: the server handles {faults.MaxConcurrentRequests} at once (injected fault).");
                return;
            }

            if (faults.AnyRandom && await InjectAsync(context, faults, number))
            {
                return;
            }

            await next(context);
            if (context.Items.ContainsKey(MalformedItem))
            {
                stats.Malformed();
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (e.g. during injected latency): nginx's 499, so no request goes uncounted.
            context.Response.StatusCode = 499;
        }
        finally
        {
            if (capped)
            {
                Interlocked.Decrement(ref _active);
            }

            status = context.Items.ContainsKey("server.fault.hang") ? null : context.Response.StatusCode;
            stats.RequestEnded(status);
        }
    }

    private async Task<bool> InjectAsync(HttpContext context, FaultOptions faults, long number)
    {
        var random = Seeds.Create(faults.Seed, "fault", number.ToString(CultureInfo.InvariantCulture));
        var (jitter, hang, limit, error, kind, malformed) =
            (random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble());
        var delay = faults.LatencyMs + (faults.JitterMs * jitter);
        if (delay > 0)
        {
            stats.Delayed();
            await Task.Delay(TimeSpan.FromMilliseconds(delay), options.TimeProvider, context.RequestAborted);
        }

        if (hang < faults.HangRate)
        {
            stats.Hang();
            context.Items["server.fault.hang"] = true;
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, options.TimeProvider, either.Token);
            }
            catch (OperationCanceledException)
            {
                stats.HangReleased();
            }

            context.Abort();
            return true;
        }

        if (limit < faults.RateLimitRate)
        {
            stats.RateLimited();
            await RateLimitAsync(context, faults, "Rate limit reached for requests (injected fault). Please retry after the time in Retry-After.");
            return true;
        }

        if (error < faults.ErrorRate)
        {
            var code = kind < 0.5 ? 500 : 503;
            stats.ServerError(code);
            await ResponseWriter.WriteErrorAsync(context, code == 500
                ? new ApiException(500, "The server had an error while processing your request (injected fault).", "server_error", "internal_error")
                : new ApiException(503, "The server is overloaded or not ready yet (injected fault).", "server_error", "service_unavailable"));
            return true;
        }

        if (malformed < faults.MalformedRate)
        {
            context.Items[MalformedItem] = true;
        }

        return false;
    }

    private static Task RateLimitAsync(HttpContext context, FaultOptions faults, string message)
    {
        context.Response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["retry-after-ms"] = (faults.RetryAfterSeconds * 1000).ToString(CultureInfo.InvariantCulture);
        return ResponseWriter.WriteErrorAsync(context, new ApiException(429, message, "requests", "rate_limit_exceeded"));
    }

    private static string Endpoint(string path) => path switch
    {
        "/v1/completions" or "/v1/chat/completions" or "/tokenize" or "/detokenize" or "/v1/models" => path,
        _ when path.StartsWith("/v1/models/", StringComparison.Ordinal) => "/v1/models/{id}",
        _ => "other",
    };

    private static FaultOptions Effective(FaultOptions faults, IHeaderDictionary headers)
    {
        double Rate(string header, double value)
        {
            var v = Number(header, value);
            return v is >= 0 and <= 1 ? v : throw ApiException.BadRequest($"Header {header} is {v}; a rate must lie in [0, 1].");
        }

        double Number(string header, double value)
        {
            if (!headers.TryGetValue(header, out var text))
            {
                return value;
            }

            return double.TryParse(text.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0
                ? v
                : throw ApiException.BadRequest($"Header {header} is '{text}'; expected a non-negative number.");
        }

        return faults with
        {
            LatencyMs = Number(FaultOptions.Headers.LatencyMs, faults.LatencyMs),
            JitterMs = Number(FaultOptions.Headers.JitterMs, faults.JitterMs),
            ErrorRate = Rate(FaultOptions.Headers.ErrorRate, faults.ErrorRate),
            RateLimitRate = Rate(FaultOptions.Headers.RateLimitRate, faults.RateLimitRate),
            MalformedRate = Rate(FaultOptions.Headers.MalformedRate, faults.MalformedRate),
            HangRate = Rate(FaultOptions.Headers.HangRate, faults.HangRate),
            Seed = headers.TryGetValue(FaultOptions.Headers.Seed, out var seed)
                ? int.TryParse(seed.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw ApiException.BadRequest($"Header {FaultOptions.Headers.Seed} is '{seed}'; expected an integer.")
                : faults.Seed,
        };
    }
}
