namespace Superposition.ModelServer.Sampling;

/// <summary>The outcome of one generation.</summary>
/// <param name="Tokens">Tokens generated (the end of text is never included).</param>
/// <param name="Text">Their text, cut before a stop string where one was met.</param>
/// <param name="FinishReason">"stop" (end of text or a stop string) or "length" (max_tokens reached).</param>
/// <param name="StopString">The stop string met, if any (vLLM's stop_reason).</param>
public sealed record Generation(IReadOnlyList<GeneratedToken> Tokens, string Text, string FinishReason, string? StopString);
