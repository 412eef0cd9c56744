using Superposition.LanguageModels;

namespace Superposition.ModelServer.Chat;

/// <summary>
/// A chat's text through the model's chat template (<see cref="ILanguageModel.ChatTemplate"/>), with vLLM's rules:
/// a model without a template refuses chat; add_generation_prompt defaults to true unless continue_final_message
/// is set; continue_final_message renders the chat as it is and cuts the text right after the final message's
/// content (transformers' apply_chat_template), so the reply continues that message. Shared by the protocol
/// server and the in-process backend, so that both render a chat alike.
/// </summary>
public static class ChatText
{
    public static string Render(ILanguageModel model, IReadOnlyList<ChatMessage> chat, bool? addGenerationPrompt, bool? continueFinalMessage)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(chat);
        var template = model.ChatTemplate ?? throw new ChatRenderException(
            $"Model '{model.Name}' has no chat template (its folder's tokenizer_config.json has no chat_template), so it cannot answer chat requests; "
            + "as of transformers v4.44 a default chat template is no longer allowed. Use /v1/completions with the prompt text.",
            "messages");
        if (chat.Count == 0)
        {
            throw new ChatRenderException("'messages' must hold at least one message.", "messages");
        }

        var continueFinal = continueFinalMessage == true;
        if (continueFinal && addGenerationPrompt == true)
        {
            throw new ChatRenderException("Cannot set both `continue_final_message` and `add_generation_prompt` to True.", "continue_final_message");
        }

        string text;
        try
        {
            text = template.Render(chat, addGenerationPrompt ?? !continueFinal);
        }
        catch (ChatTemplateException e)
        {
            throw new ChatRenderException(e.Message, "messages");
        }

        if (continueFinal)
        {
            text = CutAfterFinalMessage(text, chat[^1].Content);
        }

        return text.Length > 0 ? text : throw new ChatRenderException("The messages hold no text.", "messages");
    }

    // transformers' continue_final_message: the text up to the last occurrence of the final message's content
    // (stripped, since templates often trim it), keeping its trailing whitespace where the template kept it.
    private static string CutAfterFinalMessage(string text, string final)
    {
        var stripped = final.Trim();
        var at = text.LastIndexOf(stripped, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ChatRenderException("continue_final_message is set but the final message does not appear in the chat after applying the chat template.", "continue_final_message");
        }

        var lead = final.TrimStart();
        return string.CompareOrdinal(text, at, lead, 0, lead.Length) == 0 && at + lead.Length <= text.Length
            ? text[..(at + lead.Length)]
            : text[..(at + stripped.Length)];
    }
}
