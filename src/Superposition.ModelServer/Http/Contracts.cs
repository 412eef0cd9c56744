using System.Text.Json;
using System.Text.Json.Serialization;

namespace Superposition.ModelServer.Http;

// Wire records of the OpenAI/vLLM protocol. Property names become snake_case through WireJson.Options.

internal sealed record CompletionRequest(
    string? Model,
    JsonElement? Prompt,
    int? MaxTokens,
    double? Temperature,
    double? TopP,
    int? N,
    bool? Stream,
    int? Logprobs,
    bool? Echo,
    JsonElement? Stop,
    long? Seed,
    int? PromptLogprobs,
    bool? ReturnTokensAsTokenIds = null,
    bool? AddSpecialTokens = null);

internal sealed record ChatRequest(
    string? Model,
    IReadOnlyList<ChatMessageIn>? Messages,
    int? MaxTokens,
    int? MaxCompletionTokens,
    double? Temperature,
    double? TopP,
    int? N,
    bool? Stream,
    bool? Logprobs,
    int? TopLogprobs,
    JsonElement? Stop,
    long? Seed,
    bool? ContinueFinalMessage,
    bool? AddGenerationPrompt,
    int? PromptLogprobs,
    bool? ReturnTokensAsTokenIds = null);

internal sealed record ChatMessageIn(string? Role, JsonElement? Content);

internal sealed record TokenizeRequest(string? Model, string? Prompt, IReadOnlyList<ChatMessageIn>? Messages, bool? AddGenerationPrompt, bool? ContinueFinalMessage, bool? ReturnTokenStrs, bool? AddSpecialTokens = null);

internal sealed record DetokenizeRequest(string? Model, IReadOnlyList<int>? Tokens);

internal sealed record ErrorBody(ErrorDetail Error);

internal sealed record ErrorDetail(string Message, string Type, string? Param, string? Code);

internal sealed record Usage(int PromptTokens, int TotalTokens, int CompletionTokens, PromptTokensDetails PromptTokensDetails);

internal sealed record PromptTokensDetails(int CachedTokens);

internal sealed record PromptLogprob(double Logprob, int Rank, string DecodedToken);

internal sealed record CompletionResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<CompletionChoice> Choices,
    Usage Usage,
    string? SystemFingerprint);

internal sealed record CompletionChoice(
    int Index,
    string Text,
    LegacyLogprobs? Logprobs,
    string FinishReason,
    string? StopReason,
    IReadOnlyList<Dictionary<string, PromptLogprob>?>? PromptLogprobs);

internal sealed record LegacyLogprobs(
    IReadOnlyList<int> TextOffset,
    IReadOnlyList<double?> TokenLogprobs,
    IReadOnlyList<string> Tokens,
    TopLogprobs TopLogprobs);

internal sealed record ChatResponse(
    string Id,
    string Object,
    long Created,
    string Model,
    IReadOnlyList<ChatChoice> Choices,
    Usage Usage,
    IReadOnlyList<Dictionary<string, PromptLogprob>?>? PromptLogprobs,
    string? SystemFingerprint);

internal sealed record ChatChoice(int Index, ChatMessageOut Message, ChatLogprobs? Logprobs, string FinishReason, string? StopReason);

internal sealed record ChatMessageOut(string Role, string Content, string? Refusal, [property: JsonPropertyName("tool_calls")] IReadOnlyList<object> ToolCalls);

internal sealed record ChatLogprobs(IReadOnlyList<ChatTokenLogprob> Content, object? Refusal);

internal sealed record ChatTokenLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes, IReadOnlyList<ChatTopLogprob> TopLogprobs);

internal sealed record ChatTopLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes);

internal sealed record TokenizeResponse(int Count, int MaxModelLen, IReadOnlyList<int> Tokens, IReadOnlyList<string>? TokenStrs);

internal sealed record DetokenizeResponse(string Prompt);

internal sealed record ModelList(string Object, IReadOnlyList<ModelCard> Data);

internal sealed record ModelCard(string Id, string Object, long Created, string OwnedBy, string Root, int MaxModelLen);
