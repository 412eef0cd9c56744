using System.Globalization;
using Microsoft.AspNetCore.Http;
using Superposition.ModelServer.Hosting;
using Superposition.Randomness;

namespace Superposition.ModelServer.Http;

/// <summary>
/// Counts every request and injects the configured faults, in this order: concurrency cap (429), latency,
/// hang, random 429, random 500/503, and a flag that makes the response writer cut the JSON body short. A script
/// (<see cref="FaultOptions.Script"/>) gives the first requests their faults in order, in place of the draws.
/// Draws for request k come from a stream derived from (seed, k), a fixed number per request, so a run with
/// the same seed and request order injects the same faults. /stats and /health are neither faulted nor counted.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, ProtocolServerOptions options, ServerStats stats, Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime)
{
    public const string MalformedItem = "server.fault.malformed";

    private int _active;
    private int _scripted = -1;

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

            var injection = Scripted(faults) is { } scripted ? Script(faults, scripted) : faults.AnyRandom ? Draw(faults, number) : (Injection?)null;
            if (injection is { } faulted && await InjectAsync(context, faults, faulted))
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

    /// <summary>This request's turn in <see cref="FaultOptions.Script"/>, or null once the script is done.</summary>
    private ScriptedFault? Scripted(FaultOptions faults)
    {
        if (faults.Script.Count == 0 || Volatile.Read(ref _scripted) >= faults.Script.Count)
        {
            return null;
        }

        var turn = Interlocked.Increment(ref _scripted);
        return turn < faults.Script.Count ? faults.Script[turn] : null;
    }

    /// <summary>Request k's faults, drawn from the stream of (seed, k) at the configured rates.</summary>
    private static Injection Draw(FaultOptions faults, long number)
    {
        var random = Seeds.Create(faults.Seed, "fault", number.ToString(CultureInfo.InvariantCulture));
        var (jitter, hang, limit, error, kind, malformed) =
            (random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble());
        return new Injection(
            faults.LatencyMs + (faults.JitterMs * jitter),
            hang < faults.HangRate,
            limit < faults.RateLimitRate,
            error < faults.ErrorRate ? (kind < 0.5 ? 500 : 503) : null,
            malformed < faults.MalformedRate);
    }

    /// <summary>A scripted request's fault (and the configured latency, without jitter).</summary>
    private static Injection Script(FaultOptions faults, ScriptedFault fault) => new(
        faults.LatencyMs,
        fault == ScriptedFault.Hang,
        fault == ScriptedFault.RateLimited,
        fault switch { ScriptedFault.ServerError500 => 500, ScriptedFault.ServerError503 => 503, _ => null },
        fault == ScriptedFault.Malformed);

    private async Task<bool> InjectAsync(HttpContext context, FaultOptions faults, Injection injection)
    {
        var delay = injection.DelayMs;
        if (delay > 0)
        {
            stats.Delayed();
            await Task.Delay(TimeSpan.FromMilliseconds(delay), options.TimeProvider, context.RequestAborted);
        }

        if (injection.Hang)
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

        if (injection.RateLimit)
        {
            stats.RateLimited();
            await RateLimitAsync(context, faults, "Rate limit reached for requests (injected fault). Please retry after the time in Retry-After.");
            return true;
        }

        if (injection.ServerError is { } code)
        {
            stats.ServerError(code);
            await ResponseWriter.WriteErrorAsync(context, code == 500
                ? new ApiException(500, "The server had an error while processing your request (injected fault).", "server_error", "internal_error")
                : new ApiException(503, "The server is overloaded or not ready yet (injected fault).", "server_error", "service_unavailable"));
            return true;
        }

        if (injection.Malformed)
        {
            context.Items[MalformedItem] = true;
        }

        return false;
    }

    /// <summary>What one request gets: a delay, then at most one of hang, 429, 500/503, or a body cut short.</summary>
    private readonly record struct Injection(double DelayMs, bool Hang, bool RateLimit, int? ServerError, bool Malformed);

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
