using Superposition.LanguageModels;

namespace Superposition.ReferenceModel.Model;

/// <summary>A prompt scored token by token, and the state generation continues from.</summary>
/// <param name="Tokens">The prompt's tokens with their log-probabilities.</param>
/// <param name="Continue">The next-token distribution after the prompt.</param>
/// <param name="Context">The parsed context of the prompt's last line; null when it could not be parsed.</param>
public sealed record SequenceScore(IReadOnlyList<ScoredToken> Tokens, TrieNode Continue, PromptContext? Context);
