namespace Superposition.Scoring.Models;

/// <summary>
/// One named model, bound from the configuration section <c>Superposition:Models:&lt;key&gt;</c> (appsettings,
/// environment variables such as <c>Superposition__Models__qwen7b__Kind=vllm</c>, or the Functions app's settings).
/// Models are named only here, never in a request body. Unset values take the defaults named below.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>
    /// The model's name, when it is not a valid setting key (e.g. gpt-4o-mini under the key gpt4omini: Azure app setting
    /// names allow only letters, digits, periods and underscores). Default: the section key. See <see cref="ModelRegistry"/>.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// reference, onnx (with AddOnnxModels(): Path names the model folder, read by that provider from this section),
    /// vllm, openai, azure-openai, llamacpp, ollama or openai-compatible. Required, except for reference names.
    /// </summary>
    public string? Kind { get; set; }

    /// <summary>
    /// The OpenAI API base, as every OpenAI client takes it: e.g. http://gpu1:8000/v1 (vLLM), http://localhost:8080/v1
    /// (llama.cpp), http://localhost:11434/v1 (Ollama), https://api.openai.com/v1 (the default for openai). For
    /// azure-openai the resource endpoint, e.g. https://my-resource.openai.azure.com/. Server routes outside the
    /// API (vLLM's /tokenize) are found at the server root, the base without its trailing /v1. Reference models
    /// without a base URL run in-process.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Model name sent to the server. Default: the configured name.</summary>
    public string? Model { get; set; }

    /// <summary>Azure OpenAI deployment name. Default: <see cref="Model"/>, then the configured name.</summary>
    public string? Deployment { get; set; }

    /// <summary>
    /// The NAME of the configuration key that holds the API key (e.g. "OPENAI_API_KEY" or "Secrets:AzureOpenAIKey"),
    /// never the key itself. Default: none (no key sent; local servers need none).
    /// </summary>
    public string? ApiKeySetting { get; set; }

    /// <summary>Azure OpenAI: authenticate with Entra ID (DefaultAzureCredential) instead of a key. Default false.</summary>
    public bool UseEntraId { get; set; }

    /// <summary>
    /// "server" (POST /tokenize: vLLM, llama.cpp, reference), "o200k_base" (gpt-4o family) or "cl100k_base"
    /// (gpt-3.5/gpt-4). Default: server for reference, vllm, llamacpp, openai-compatible; o200k_base for openai and
    /// azure-openai; none for ollama (whose chat scoring then falls back to sampling).
    /// </summary>
    public string? Tokenizer { get; set; }

    /// <summary>Requests in flight at once. Default 16.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Requests per minute (sliding window). Default: no limit.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Prompt plus completion tokens per minute (token bucket, estimated before sending). Default: no limit.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>Strategy used when a spec says auto: auto, echo, trie, chat, sample, paper-forward, paper-beam, beam. Default auto.</summary>
    public string? DefaultStrategy { get; set; }

    /// <summary>Parameter count, e.g. 7000000000, so that plots can order models by size. Default unknown.</summary>
    public long? ParameterCount { get; set; }

    /// <summary>Largest top-k of logprobs the server accepts. Default 20 (5 on OpenAI's legacy completions).</summary>
    public int? MaxTopLogprobs { get; set; }

    /// <summary>Candidates per echo request (prompt_len × vocab logits per candidate on the server). Default 64.</summary>
    public int? EchoBatchSize { get; set; }

    /// <summary>Timeout of one attempt, in seconds (a hung request is abandoned and retried). Default 60.</summary>
    public double? RequestTimeoutSeconds { get; set; }

    /// <summary>Retries after the first attempt on 408, 429, 5xx, timeouts and malformed bodies. Default 6.</summary>
    public int? MaxRetryAttempts { get; set; }

    /// <summary>First backoff delay in milliseconds (exponential with jitter) when no Retry-After is sent. Default 1000.</summary>
    public double? RetryBaseDelayMilliseconds { get; set; }

    /// <summary>Longest wait between attempts, Retry-After included, in seconds. Default 60.</summary>
    public double? MaxRetryDelaySeconds { get; set; }

    /// <summary>Failure ratio over 30 s that opens the circuit breaker. Default 0.5.</summary>
    public double? CircuitBreakerFailureRatio { get; set; }

    /// <summary>Attempts within 30 s before the breaker may open. Default 100.</summary>
    public int? CircuitBreakerMinimumThroughput { get; set; }

    /// <summary>Seconds the breaker stays open. Default 5.</summary>
    public double? CircuitBreakerBreakSeconds { get; set; }

    /// <summary>Price of a million prompt tokens, in any currency, for <c>superposition plan</c>. Default none.</summary>
    public double? PromptPricePerMillionTokens { get; set; }

    /// <summary>Price of a million completion tokens, for <c>superposition plan</c>. Default none.</summary>
    public double? CompletionPricePerMillionTokens { get; set; }
}
