using Superposition.Scoring.Backends;

namespace Superposition.Scoring.Endpoints;

// What the endpoints' responses say, independent of vendor: the parsers fill these, the strategies read them.

/// <summary>Tokens as the endpoint counted them.</summary>
internal sealed record WireUsage(long PromptTokens, long CompletionTokens, long CachedTokens)
{
    public static WireUsage None { get; } = new(0, 0, 0);

    public WireUsage Add(WireUsage other) => new(PromptTokens + other.PromptTokens, CompletionTokens + other.CompletionTokens, CachedTokens + other.CachedTokens);
}

/// <summary>One choice of a legacy completion.</summary>
internal sealed record CompletionChoiceResult(int Index, string Text, string? FinishReason, IReadOnlyList<TokenPosition>? Logprobs, IReadOnlyList<IReadOnlyDictionary<int, double>?>? PromptLogprobs);

internal sealed record CompletionResult(IReadOnlyList<CompletionChoiceResult> Choices, WireUsage Usage);

/// <summary>One choice of a chat completion.</summary>
internal sealed record ChatChoiceResult(int Index, string Content, string? FinishReason, IReadOnlyList<TokenPosition>? Logprobs);

internal sealed record ChatResult(IReadOnlyList<ChatChoiceResult> Choices, IReadOnlyList<IReadOnlyDictionary<int, double>?>? PromptLogprobs, WireUsage Usage);

/// <summary>A prompt sent to completions: token ids, or text when the server tokenises.</summary>
internal sealed record PromptInput(IReadOnlyList<int>? Ids, string? Text)
{
    public static PromptInput FromIds(IReadOnlyList<int> ids) => new(ids, null);

    public static PromptInput FromText(string text) => new(null, text);
}

/// <summary>
/// A legacy completions request. <see cref="LogprobsOnly"/> reads of each position only its logprob and text
/// offset (token strings and top-k lists are checked for shape, not read): echo needs each prompt token's own
/// logprob, not the thousands of strings beside it.
/// </summary>
internal sealed record CompletionCall(
    IReadOnlyList<PromptInput> Prompts,
    int MaxTokens,
    int? Logprobs = null,
    bool Echo = false,
    int N = 1,
    double Temperature = 1.0,
    IReadOnlyList<string>? Stop = null,
    long? Seed = null,
    bool TokenIdsInLogprobs = false,
    bool LogprobsOnly = false);

/// <summary>A chat message (role: system, user or assistant).</summary>
internal sealed record ChatMessageInput(string Role, string Content);

/// <summary>A chat completions request; the vLLM extras are sent only to servers that have them.</summary>
internal sealed record ChatCall(
    IReadOnlyList<ChatMessageInput> Messages,
    int MaxTokens,
    int? TopLogprobs = null,
    int N = 1,
    double Temperature = 1.0,
    IReadOnlyList<string>? Stop = null,
    long? Seed = null,
    int? PromptLogprobs = null,
    bool ContinueFinalMessage = false,
    bool TokenIdsInLogprobs = false);

/// <summary>A response with what it cost: attempts that got an HTTP answer, and the tokens of the successful one.</summary>
internal sealed record WireResponse<T>(T Value, int Requests, WireUsage Usage);
