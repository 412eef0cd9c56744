using Superposition.LanguageModels;

namespace Superposition.ModelServer.Sampling;

/// <summary>A generated token, its served log-probability, and the distribution it was drawn from.</summary>
public readonly record struct GeneratedToken(int Token, double Logprob, INextTokenDistribution Distribution);
