namespace Superposition.ModelServer.Http;

/// <summary>
/// Every request and fault the server saw, as served by <c>GET /stats</c>. Each request ends in exactly one
/// status code or one hang, so <c>Requests == Σ StatusCodes + Hangs + InFlight</c>.
/// </summary>
public sealed record ServerStatsSnapshot(
    long Requests,
    long InFlight,
    IReadOnlyDictionary<string, long> Endpoints,
    IReadOnlyDictionary<string, long> StatusCodes,
    FaultCounts Faults,
    long Prompts,
    long PromptTokens,
    long CompletionTokens,
    long CachedTokens);

/// <summary>Faults injected, by kind.</summary>
/// <param name="Delayed">Requests given added latency.</param>
/// <param name="ConcurrencyRejected">Requests over the concurrency cap, answered 429.</param>
/// <param name="RateLimited">Random 429 answers.</param>
/// <param name="ServerErrors500">Random 500 answers.</param>
/// <param name="ServerErrors503">Random 503 answers.</param>
/// <param name="Malformed">Answers whose JSON body was cut short on purpose.</param>
/// <param name="Hangs">Requests never answered.</param>
/// <param name="HangsReleased">Hung requests whose client gave up (or the server stopped).</param>
public sealed record FaultCounts(long Delayed, long ConcurrencyRejected, long RateLimited, long ServerErrors500, long ServerErrors503, long Malformed, long Hangs, long HangsReleased);
