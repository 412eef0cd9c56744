namespace Superposition.LanguageModels;

/// <summary>How a model turns a chat into the text it reads (Hugging Face's chat_template, or the server's convention).</summary>
public interface IChatTemplate
{
    /// <summary>
    /// The prompt text of <paramref name="messages"/>, followed by the opening of an assistant reply when
    /// <paramref name="addGenerationPrompt"/> is set. A template that refuses the chat (Hugging Face's
    /// raise_exception) throws a <see cref="ChatTemplateException"/> naming why.
    /// </summary>
    string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt);
}
