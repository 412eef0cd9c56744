using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Chat;

/// <summary>
/// A model folder's chat template (tokenizer_config.json's chat_template) rendered with Hugging Face's variables:
/// messages (role, content), add_generation_prompt, and bos_token and eos_token where the tokenizer config names them.
/// </summary>
public sealed class HuggingFaceChatTemplate(JinjaTemplate template, string? bosToken, string? eosToken) : IChatTemplate
{
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["messages"] = messages.Select(m => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["role"] = m.Role, ["content"] = m.Content }).ToList(),
            ["add_generation_prompt"] = addGenerationPrompt,
        };
        if (bosToken is not null)
        {
            variables["bos_token"] = bosToken;
        }

        if (eosToken is not null)
        {
            variables["eos_token"] = eosToken;
        }

        return template.Render(variables);
    }
}
