namespace Superposition.Scoring.Backends;

/// <summary>
/// A chat reply to <see cref="Messages"/> (the template's generation prompt added): <see cref="N"/> choices of at
/// most <see cref="MaxTokens"/> tokens, each position with its <see cref="TopK"/> most likely tokens when asked.
/// </summary>
public sealed record ChatGenerationRequest(
    IReadOnlyList<ChatTurn> Messages,
    int MaxTokens,
    int? TopK = null,
    int N = 1,
    double Temperature = 1.0,
    long? Seed = null,
    IReadOnlyList<string>? Stop = null,
    bool TokenIds = false);
