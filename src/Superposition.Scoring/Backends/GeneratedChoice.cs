namespace Superposition.Scoring.Backends;

/// <summary>
/// One generated choice: its text (cut before a stop string), why it ended ("stop", "length"), and its tokens'
/// positions with their top-k lists when logprobs were asked for.
/// </summary>
public sealed record GeneratedChoice(string Text, string? FinishReason, IReadOnlyList<TokenPosition>? Positions);
