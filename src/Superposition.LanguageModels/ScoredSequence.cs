namespace Superposition.LanguageModels;

/// <summary>A token sequence scored by teacher forcing, and the state generation continues from after its last token.</summary>
/// <param name="Tokens">Every token with its log-probability and distribution (position 0 has none).</param>
/// <param name="Continue">The state after the last token.</param>
public sealed record ScoredSequence(IReadOnlyList<ScoredToken> Tokens, IGenerationState Continue);
