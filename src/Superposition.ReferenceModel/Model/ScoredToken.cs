namespace Superposition.ReferenceModel.Model;

/// <summary>
/// One prompt token with the model's log-probability for it given the tokens before it.
/// </summary>
/// <param name="Token">The token id.</param>
/// <param name="Logprob">ln P(token | prefix); null at position 0 (no context); <see cref="ReferenceLanguageModel.ZeroLogprob"/> for probability 0.</param>
/// <param name="Distribution">The next-token distribution the token was drawn against; null for free text (questions), whose only listed token is the actual one.</param>
public readonly record struct ScoredToken(int Token, double? Logprob, TrieNode? Distribution);
