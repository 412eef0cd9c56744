using Superposition.LanguageModels;
using Superposition.OnnxModel.Chat;

namespace Superposition.OnnxModel.Tests.Chat;

public sealed class HuggingFaceChatTemplateTests
{
    private static readonly ChatMessage[] SystemAndUser = [new("system", "Be brief."), new("user", "Hi")];

    [Fact]
    public void Qwen2_template_adds_its_default_system_prompt_and_the_assistant_opening()
    {
        var template = Template(RealChatTemplates.Qwen2);

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
            template.Render([new("user", "Hi")], addGenerationPrompt: true));
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n", template.Render(SystemAndUser, addGenerationPrompt: false));
    }

    [Fact]
    public void Zephyr_template_renders_with_trim_blocks_and_lstrip_blocks_as_transformers_does()
    {
        Assert.Equal("<|system|>\nBe brief.</s>\n<|user|>\nHi</s>\n<|assistant|>\n", Template(RealChatTemplates.Zephyr).Render(SystemAndUser, addGenerationPrompt: true));
    }

    [Fact]
    public void Llama2_template_folds_the_system_prompt_into_the_first_turn_and_strips_each_turns_ends()
    {
        ChatMessage[] chat = [new("system", "S"), new("user", " Hi "), new("assistant", "Yo "), new("user", "Again")];

        Assert.Equal("<s>[INST] <<SYS>>\nS\n<</SYS>>\n\n Hi [/INST] Yo </s><s>[INST] Again [/INST]", Template(RealChatTemplates.Llama2).Render(chat, addGenerationPrompt: false));
    }

    [Fact]
    public void Llama2_template_refusing_roles_that_do_not_alternate_is_a_chat_template_exception_with_its_message()
    {
        var e = Assert.Throws<ChatTemplateException>(() => Template(RealChatTemplates.Llama2).Render([new("user", "a"), new("user", "b")], addGenerationPrompt: false));

        Assert.Contains("Conversation roles must alternate user/assistant/user/assistant/...", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Llama3_template_trims_the_content_before_concatenating_and_starts_with_the_bos_token()
    {
        var template = new HuggingFaceChatTemplate(JinjaTemplate.Parse(RealChatTemplates.Llama3), "<|begin_of_text|>", "<|eot_id|>");

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            template.Render([new("user", "  Hi \n")], addGenerationPrompt: true));
    }

    private static HuggingFaceChatTemplate Template(string source) => new(JinjaTemplate.Parse(source), "<s>", "</s>");
}
