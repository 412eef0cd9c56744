namespace Superposition.ModelServer.Hosting;

/// <summary>
/// Faults the server injects, all off by default. Any of them can also be set per request by a header
/// (<see cref="Headers"/>), which overrides the server's value for that request.
/// </summary>
public sealed record FaultOptions
{
    /// <summary>Header names: x-fault-latency-ms, x-fault-jitter-ms, x-fault-error-rate, x-fault-rate-limit-rate, x-fault-malformed-rate, x-fault-hang-rate, x-fault-seed.</summary>
    public static class Headers
    {
        public const string LatencyMs = "x-fault-latency-ms";
        public const string JitterMs = "x-fault-jitter-ms";
        public const string ErrorRate = "x-fault-error-rate";
        public const string RateLimitRate = "x-fault-rate-limit-rate";
        public const string MalformedRate = "x-fault-malformed-rate";
        public const string HangRate = "x-fault-hang-rate";
        public const string Seed = "x-fault-seed";
    }

    /// <summary>Fixed latency added to every request, in milliseconds. Default 0.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Extra latency drawn uniformly from [0, JitterMs] per request. Default 0.</summary>
    public double JitterMs { get; init; }

    /// <summary>Requests handled at once; excess ones get 429 with Retry-After. Default 0: no cap.</summary>
    public int MaxConcurrentRequests { get; init; }

    /// <summary>Probability of a 500 or 503 answer (each half of the time). Default 0.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Probability of a 429 answer with Retry-After. Default 0.</summary>
    public double RateLimitRate { get; init; }

    /// <summary>Probability that a 200 answer's JSON body is cut short. Default 0.</summary>
    public double MalformedRate { get; init; }

    /// <summary>Probability that a request is never answered (until the client gives up). Default 0.</summary>
    public double HangRate { get; init; }

    /// <summary>Seconds sent in Retry-After (and retry-after-ms) on 429 answers. Default 1.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>
    /// Inject faults only into generation routes (completions and chat completions), leaving /tokenize,
    /// /detokenize and /v1/models fast, as on a real server where they never queue for the GPU. Default false.
    /// </summary>
    public bool GenerationOnly { get; init; }

    /// <summary>Seed of the fault draws: request number k draws from a stream derived from (Seed, k). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Faults of the first requests, one each, in order, before any random fault: a test that needs a known
    /// sequence (a 429, then a 500, then a malformed body, then answers) sets this instead of rates. With
    /// <see cref="GenerationOnly"/> only generation requests take their turn. Default empty.
    /// </summary>
    public IReadOnlyList<ScriptedFault> Script { get; init; } = [];

    /// <summary>True when any random fault or latency is configured.</summary>
    public bool AnyRandom => LatencyMs > 0 || JitterMs > 0 || ErrorRate > 0 || RateLimitRate > 0 || MalformedRate > 0 || HangRate > 0;
}
