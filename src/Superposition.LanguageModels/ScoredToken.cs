namespace Superposition.LanguageModels;

/// <summary>
/// One token of a scored sequence with the model's log-probability for it given the tokens before it.
/// </summary>
/// <param name="Token">The token id.</param>
/// <param name="Logprob">ln P(token | prefix); null at position 0 (no context); <see cref="Logprobs.Zero"/> for probability 0.</param>
/// <param name="Distribution">
/// The next-token distribution the token was scored against; null where the model lists no distribution (the
/// reference models' free text), so that only the actual token is served.
/// </param>
public readonly record struct ScoredToken(int Token, double? Logprob, INextTokenDistribution? Distribution);
