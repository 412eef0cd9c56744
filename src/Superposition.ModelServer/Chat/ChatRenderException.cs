namespace Superposition.ModelServer.Chat;

/// <summary>A chat that cannot be rendered for the model: the request is at fault (a server answers 400 naming <see cref="Param"/>).</summary>
public sealed class ChatRenderException(string message, string param) : Exception(message)
{
    /// <summary>The request field at fault (messages, continue_final_message).</summary>
    public string Param { get; } = param;
}
