namespace Superposition.Scoring.Models;

/// <summary>
/// A named model with every setting resolved (defaults filled in). Holds the name of the API-key setting, never
/// the key, so it can be logged and shown.
/// </summary>
/// <param name="Name">The name specs and commands use.</param>
/// <param name="Kind">Server kind.</param>
/// <param name="BaseUrl">OpenAI API base (ending in /), or the Azure resource endpoint; null for a provider's model served in-process.</param>
/// <param name="RemoteModel">Model (or Azure deployment) name sent to the server.</param>
/// <param name="ApiKeySetting">Name of the configuration key holding the API key, or null.</param>
/// <param name="UseEntraId">Azure: Entra ID instead of a key.</param>
/// <param name="Tokenizer">Where token ids come from.</param>
/// <param name="MaxConcurrency">Requests in flight at once.</param>
/// <param name="RequestsPerMinute">Request rate limit, or null.</param>
/// <param name="TokensPerMinute">Token rate limit, or null.</param>
/// <param name="DefaultStrategy">Strategy used for auto (auto: detect).</param>
/// <param name="ParameterCount">Parameter count, when known.</param>
/// <param name="MaxTopLogprobs">Largest top-k the server accepts.</param>
/// <param name="EchoBatchSize">Candidates per echo request.</param>
/// <param name="Resilience">Retry, timeout and breaker settings.</param>
/// <param name="PromptPricePerMillionTokens">Price of a million prompt tokens, when set.</param>
/// <param name="CompletionPricePerMillionTokens">Price of a million completion tokens, when set.</param>
public sealed record ModelDescriptor(
    string Name,
    ModelKind Kind,
    Uri? BaseUrl,
    string RemoteModel,
    string? ApiKeySetting,
    bool UseEntraId,
    TokenizerKind Tokenizer,
    int MaxConcurrency,
    int? RequestsPerMinute,
    int? TokensPerMinute,
    string DefaultStrategy,
    long? ParameterCount,
    int MaxTopLogprobs,
    int EchoBatchSize,
    ResilienceSettings Resilience,
    double? PromptPricePerMillionTokens,
    double? CompletionPricePerMillionTokens)
{
    /// <summary>The provider's Kind (e.g. "reference") for a <see cref="ModelKind.Suite"/> model; null for remote kinds.</summary>
    public string? Provider { get; init; }

    /// <summary>The configuration name of the kind: the provider's Kind for suite models.</summary>
    public string KindName => Provider ?? Kind.Name();

    /// <summary>True for a provider's model served in-process (no base URL configured).</summary>
    public bool InProcess => Kind == ModelKind.Suite && BaseUrl is null;

    /// <summary>Whether the server speaks vLLM's extras (echo with token ids, prompt_logprobs, continue_final_message, return_tokens_as_token_ids).</summary>
    public bool HasVllmExtras => Kind is ModelKind.Suite or ModelKind.Vllm;

    /// <summary>Whether the server has legacy /v1/completions with logprobs (probed for openai and openai-compatible).</summary>
    public bool HasCompletions => Kind is not (ModelKind.AzureOpenAI or ModelKind.Ollama);

    /// <summary>Top-k on legacy completions: OpenAI caps it at 5.</summary>
    /// <summary>Whether one request may ask for several choices (<c>n</c> &gt; 1); llama.cpp and Ollama answer one.</summary>
    public bool HasMultipleChoices => Kind is not (ModelKind.LlamaCpp or ModelKind.Ollama);

    public int CompletionTopLogprobs => Kind == ModelKind.OpenAI ? Math.Min(5, MaxTopLogprobs) : MaxTopLogprobs;

    /// <summary>What the tokens cost at the model's prices (a missing price counts as 0), or null when it has neither price.</summary>
    public double? CostOf(long promptTokens, long completionTokens) =>
        PromptPricePerMillionTokens is null && CompletionPricePerMillionTokens is null
            ? null
            : ((promptTokens * (PromptPricePerMillionTokens ?? 0)) + (completionTokens * (CompletionPricePerMillionTokens ?? 0))) / 1e6;
}
