namespace Superposition.LanguageModels;

/// <summary>A chat the model's template refuses (or cannot render): the client's request is at fault, a 400.</summary>
public sealed class ChatTemplateException(string message) : Exception(message);
