using Superposition.LanguageModels;

namespace Superposition.ModelServer.Http;

/// <summary>
/// A chat request's messages through the model's chat template (<see cref="ILanguageModel.ChatTemplate"/>), with
/// vLLM's rules: a model without a template refuses chat; add_generation_prompt defaults to true unless
/// continue_final_message is set; continue_final_message renders the chat as it is and cuts the text right after
/// the final message's content (transformers' apply_chat_template), so the reply continues that message.
/// </summary>
internal static class ChatRendering
{
    public static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool"];

    public static string Render(ILanguageModel model, IReadOnlyList<ChatMessageIn>? messages, bool? addGenerationPrompt, bool? continueFinalMessage)
    {
        var template = model.ChatTemplate ?? throw ApiException.BadRequest(
            $"Model '{model.Name}' has no chat template (its folder's tokenizer_config.json has no chat_template), so it cannot answer chat requests; "
            + "as of transformers v4.44 a default chat template is no longer allowed. Use /v1/completions with the prompt text.",
            "messages");
        if (messages is null || messages.Count == 0)
        {
            throw ApiException.BadRequest("'messages' must hold at least one message.", "messages");
        }

        var continueFinal = continueFinalMessage == true;
        if (continueFinal && addGenerationPrompt == true)
        {
            throw ApiException.BadRequest("Cannot set both `continue_final_message` and `add_generation_prompt` to True.", "continue_final_message");
        }

        var chat = new List<ChatMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i] ?? throw ApiException.BadRequest($"messages[{i}] is null.", "messages");
            if (m.Role is null || !Roles.Contains(m.Role))
            {
                throw ApiException.BadRequest($"messages[{i}].role is '{m.Role}'; expected one of {string.Join(", ", Roles)}.", "messages");
            }

            chat.Add(new ChatMessage(m.Role, RequestParsing.Content(m.Content, i)));
        }

        string text;
        try
        {
            text = template.Render(chat, addGenerationPrompt ?? !continueFinal);
        }
        catch (ChatTemplateException e)
        {
            throw ApiException.BadRequest(e.Message, "messages");
        }

        if (continueFinal)
        {
            text = CutAfterFinalMessage(text, chat[^1].Content);
        }

        return text.Length > 0 ? text : throw ApiException.BadRequest("The messages hold no text.", "messages");
    }

    // transformers' continue_final_message: the text up to the last occurrence of the final message's content
    // (stripped, since templates often trim it), keeping its trailing whitespace where the template kept it.
    private static string CutAfterFinalMessage(string text, string final)
    {
        var stripped = final.Trim();
        var at = text.LastIndexOf(stripped, StringComparison.Ordinal);
        if (at < 0)
        {
            throw ApiException.BadRequest("continue_final_message is set but the final message does not appear in the chat after applying the chat template.", "continue_final_message");
        }

        var lead = final.TrimStart();
        return string.CompareOrdinal(text, at, lead, 0, lead.Length) == 0 && at + lead.Length <= text.Length
            ? text[..(at + lead.Length)]
            : text[..(at + stripped.Length)];
    }
}
