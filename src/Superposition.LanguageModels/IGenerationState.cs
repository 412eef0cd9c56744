namespace Superposition.LanguageModels;

/// <summary>
/// A point in a text the model can continue from: the next-token distribution there, and the point after each
/// token. Advancing never changes this state, so several choices can continue from one scored prompt (a neural
/// model keeps its key/value cache here and shares it between the branches).
/// </summary>
public interface IGenerationState
{
    /// <summary>The distribution of the next token; an empty support means the model can only end the text.</summary>
    INextTokenDistribution Distribution { get; }

    /// <summary>The state after <paramref name="token"/>; false when the model ends the text after that token.</summary>
    bool TryAdvance(int token, out IGenerationState next);
}
