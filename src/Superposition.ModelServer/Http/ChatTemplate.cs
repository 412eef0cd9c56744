namespace Superposition.ModelServer.Http;

/// <summary>
/// The server's chat template (the reference models' convention; a model with a template of its own is a later
/// extension of the interface). Messages are joined in order: an assistant message continues the text
/// directly (so a user message ending in "Italy->" and an assistant prefill "Rome" read "Italy->Rome"); any
/// other message starts on a new line ("\n" is inserted unless the text already ends in one). The generation
/// prompt adds nothing: the reply continues the text directly. Roles are not written.
/// </summary>
internal static class ChatTemplate
{
    public static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public static string Render(IReadOnlyList<(string Role, string Content)> messages)
    {
        var text = new System.Text.StringBuilder();
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
