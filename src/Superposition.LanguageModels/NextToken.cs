namespace Superposition.LanguageModels;

/// <summary>A token the model may emit next, with its probability.</summary>
public readonly record struct NextToken(int Token, double Probability);
