namespace Superposition.OnnxModel.Chat;

/// <summary>A template outside the supported Jinja subset, or malformed: the message names the construct and its line.</summary>
public sealed class JinjaSyntaxException(string message) : Exception(message);
