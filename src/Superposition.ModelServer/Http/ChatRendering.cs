using Superposition.LanguageModels;
using Superposition.ModelServer.Chat;

namespace Superposition.ModelServer.Http;

/// <summary>
/// A chat request's messages checked (roles, content) and rendered by <see cref="ChatText"/>; what cannot be rendered
/// is a 400 naming the field at fault.
/// </summary>
internal static class ChatRendering
{
    public static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public static string Render(ILanguageModel model, IReadOnlyList<ChatMessageIn>? messages, bool? addGenerationPrompt, bool? continueFinalMessage)
    {
        // The template is checked first, as vLLM does: a model without one refuses any chat.
        if (model.ChatTemplate is not null && (messages is null || messages.Count == 0))
        {
            throw ApiException.BadRequest("'messages' must hold at least one message.", "messages");
        }

        var chat = new List<ChatMessage>(messages?.Count ?? 0);
        for (var i = 0; i < (messages?.Count ?? 0); i++)
        {
            var m = messages![i] ?? throw ApiException.BadRequest($"messages[{i}] is null.", "messages");
            if (m.Role is null || !Roles.Contains(m.Role))
            {
                throw ApiException.BadRequest($"messages[{i}].role is '{m.Role}'; expected one of {string.Join(", ", Roles)}.", "messages");
            }

            chat.Add(new ChatMessage(m.Role, RequestParsing.Content(m.Content, i)));
        }

        try
        {
            return ChatText.Render(model, chat, addGenerationPrompt, continueFinalMessage);
        }
        catch (ChatRenderException e)
        {
            throw ApiException.BadRequest(e.Message, e.Param);
        }
    }
}
