namespace Superposition.LanguageModels;

/// <summary>One message of a chat as a template reads it: the role and the text.</summary>
public sealed record ChatMessage(string Role, string Content);
