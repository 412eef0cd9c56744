using System.Text;

namespace Superposition.LanguageModels;

/// <summary>
/// The suite's own chat convention, used by the reference models and any model that brings no template: messages
/// are joined in order; an assistant message continues the text directly (so a user message ending in "Italy->"
/// and an assistant prefill "Rome" read "Italy->Rome"); any other message starts on a new line ("\n" is inserted
/// unless the text already ends in one). The generation prompt adds nothing: the reply continues the text
/// directly. Roles are not written.
/// </summary>
public sealed class JoinedChatTemplate : IChatTemplate
{
    public static readonly JoinedChatTemplate Instance = new();

    private JoinedChatTemplate()
    {
    }

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder();
        foreach (var (role, content) in messages)
        {
            if (role != "assistant" && text.Length > 0 && text[^1] != '\n')
            {
                text.Append('\n');
            }

            text.Append(content);
        }

        return text.ToString();
    }
}
