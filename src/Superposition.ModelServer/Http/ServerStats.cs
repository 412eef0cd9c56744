using System.Collections.Concurrent;
using System.Globalization;

namespace Superposition.ModelServer.Http;

/// <summary>Thread-safe counters of requests, answers, faults and tokens.</summary>
public sealed class ServerStats
{
    private readonly ConcurrentDictionary<string, long> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _statusCodes = new();
    private long _requests;
    private long _inFlight;
    private long _delayed;
    private long _concurrencyRejected;
    private long _rateLimited;
    private long _serverErrors500;
    private long _serverErrors503;
    private long _malformed;
    private long _hangs;
    private long _hangsReleased;
    private long _prompts;
    private long _promptTokens;
    private long _completionTokens;
    private long _cachedTokens;

    public ServerStatsSnapshot Snapshot() => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _inFlight),
        new SortedDictionary<string, long>(_endpoints, StringComparer.Ordinal),
        new SortedDictionary<string, long>(_statusCodes.ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value), StringComparer.Ordinal),
        new FaultCounts(
            Interlocked.Read(ref _delayed),
            Interlocked.Read(ref _concurrencyRejected),
            Interlocked.Read(ref _rateLimited),
            Interlocked.Read(ref _serverErrors500),
            Interlocked.Read(ref _serverErrors503),
            Interlocked.Read(ref _malformed),
            Interlocked.Read(ref _hangs),
            Interlocked.Read(ref _hangsReleased)),
        Interlocked.Read(ref _prompts),
        Interlocked.Read(ref _promptTokens),
        Interlocked.Read(ref _completionTokens),
        Interlocked.Read(ref _cachedTokens));

    internal long RequestStarted(string endpoint)
    {
        _endpoints.AddOrUpdate(endpoint, 1, (_, v) => v + 1);
        Interlocked.Increment(ref _inFlight);
        return Interlocked.Increment(ref _requests);
    }

    internal void RequestEnded(int? status)
    {
        if (status is { } code)
        {
            _statusCodes.AddOrUpdate(code, 1, (_, v) => v + 1);
        }

        Interlocked.Decrement(ref _inFlight);
    }

    internal void Delayed() => Interlocked.Increment(ref _delayed);

    internal void ConcurrencyRejected() => Interlocked.Increment(ref _concurrencyRejected);

    internal void RateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void ServerError(int status) => Interlocked.Increment(ref status == 503 ? ref _serverErrors503 : ref _serverErrors500);

    internal void Malformed() => Interlocked.Increment(ref _malformed);

    internal void Hang() => Interlocked.Increment(ref _hangs);

    internal void HangReleased() => Interlocked.Increment(ref _hangsReleased);

    internal void Tokens(int prompts, long prompt, long completion, long cached)
    {
        Interlocked.Add(ref _prompts, prompts);
        Interlocked.Add(ref _promptTokens, prompt);
        Interlocked.Add(ref _completionTokens, completion);
        Interlocked.Add(ref _cachedTokens, cached);
    }
}
