using Microsoft.Extensions.Logging;

namespace Superposition.ModelServer.Hosting;

/// <summary>Settings of a protocol server.</summary>
public sealed record ProtocolServerOptions
{
    /// <summary>Addresses to listen on. Default: loopback on an ephemeral port (http://127.0.0.1:0).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:0"];

    /// <summary>Injected faults; none by default.</summary>
    public FaultOptions Faults { get; init; } = new();

    /// <summary>Longest prompt plus completion, in tokens, as vLLM's max_model_len. Default 32768.</summary>
    public int MaxModelLength { get; init; } = 32_768;

    /// <summary>Largest logprobs / top_logprobs / prompt_logprobs accepted (vLLM's --max-logprobs). Default 20.</summary>
    public int MaxLogprobs { get; init; } = 20;

    /// <summary>Tokens per block of the emulated prefix cache (vLLM's default). Default 16.</summary>
    public int PrefixCacheBlockSize { get; init; } = 16;

    /// <summary>Blocks the emulated prefix cache holds. Default 1,000,000.</summary>
    public int PrefixCacheCapacityBlocks { get; init; } = 1_000_000;

    /// <summary>
    /// As vLLM, requests that ask for prompt log-probabilities (echo with logprobs, or prompt_logprobs) do not
    /// read the prefix cache (they report 0 cached tokens) but still fill it. Default true.
    /// </summary>
    public bool PromptLogprobsSkipPrefixCache { get; init; } = true;

    /// <summary>
    /// Serve log-probabilities of the tempered distribution (vLLM's "processed_logprobs") instead of the model's own
    /// ("raw_logprobs", vLLM's default). Default false.
    /// </summary>
    public bool LogprobsAfterTemperature { get; init; }

    /// <summary>
    /// Accept <c>echo</c> on completions and silently ignore it, returning only generated tokens, as some servers
    /// do (the silent failure clients must detect, docs/endpoints.md). <c>max_tokens: 0</c> with echo stays accepted,
    /// so the answer then has no logprobs at all. Default false.
    /// </summary>
    public bool IgnoreEcho { get; init; }

    /// <summary>
    /// When set, every request but /stats and /health must carry <c>Authorization: Bearer &lt;ApiKey&gt;</c>, else 401
    /// as OpenAI answers a wrong key: tests prove that a client sent the key it was configured with. Default none.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>Clock for latencies and the "created" field. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the server logs; default none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
