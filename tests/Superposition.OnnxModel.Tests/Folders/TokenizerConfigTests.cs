using Superposition.LanguageModels;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Folders;

public sealed class TokenizerConfigTests
{
    [Fact]
    public void The_kv_fixture_has_a_chatml_template_and_the_plain_fixture_none_and_neither_adds_special_tokens()
    {
        using var kv = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        using var plain = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Plain));

        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", kv.ChatTemplate!.Render([new ChatMessage("user", "Hi")], addGenerationPrompt: true));
        Assert.Null(plain.ChatTemplate);
        Assert.Equal([5, 6], kv.Tokenizer.WithSpecialTokens([5, 6]));
        Assert.Equal([5, 6], plain.Tokenizer.WithSpecialTokens([5, 6]));
    }

    [Fact]
    public void A_llama_tokenizer_class_puts_its_bos_token_before_a_text_and_gpt2s_class_ignores_add_bos_token_as_transformers_does()
    {
        using var llama = new FolderCopy(Fixtures.Plain);
        File.WriteAllText(llama.File(TokenizerConfig.FileName), """{"tokenizer_class": "LlamaTokenizerFast", "add_bos_token": true, "bos_token": {"content": "<|endoftext|>"}}""");
        using var gpt2 = new FolderCopy(Fixtures.Plain);
        File.WriteAllText(gpt2.File(TokenizerConfig.FileName), """{"tokenizer_class": "GPT2Tokenizer", "add_bos_token": true, "bos_token": "<|endoftext|>"}""");

        using var withBos = OnnxLanguageModel.Load(llama.Path);
        using var without = OnnxLanguageModel.Load(gpt2.Path);

        Assert.Equal([withBos.Tokenizer.EndOfText, 5], withBos.Tokenizer.WithSpecialTokens([5]));
        Assert.Equal([5], without.Tokenizer.WithSpecialTokens([5]));
    }

    [Fact]
    public void A_llama_tokenizer_class_whose_bos_token_the_tokenizer_lacks_fails_at_load_naming_the_file()
    {
        using var copy = new FolderCopy(Fixtures.Plain);
        File.WriteAllText(copy.File(TokenizerConfig.FileName), """{"tokenizer_class": "LlamaTokenizer", "add_bos_token": true, "bos_token": "<s>"}""");

        var e = Assert.Throws<ModelFolderException>(() => OnnxLanguageModel.Load(copy.Path));

        Assert.Equal(copy.File(TokenizerConfig.FileName), e.File);
        Assert.Contains("'<s>'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"chat_template": "{% macro m() %}{% endmacro %}"}""", "'{% macro %}' is outside the supported Jinja subset")]
    [InlineData("""{"chat_template": "{{ messages | tojson }}"}""", "the filter 'tojson'")]
    [InlineData("""{"chat_template": [{"name": "tool_use", "template": "x"}]}""", "none named 'default'")]
    [InlineData("""{"chat_template": 3}""", "expected a string or a list")]
    [InlineData("""{"add_bos_token": "yes"}""", "'add_bos_token'")]
    [InlineData("""not json""", "not valid JSON")]
    public void A_tokenizer_config_outside_the_contract_fails_at_load_naming_the_file_and_the_construct(string json, string named)
    {
        using var copy = new FolderCopy(Fixtures.Plain);
        File.WriteAllText(copy.File(TokenizerConfig.FileName), json);

        var e = Assert.Throws<ModelFolderException>(() => OnnxLanguageModel.Load(copy.Path));

        Assert.Equal(copy.File(TokenizerConfig.FileName), e.File);
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_of_named_templates_uses_the_default_one()
    {
        using var copy = new FolderCopy(Fixtures.Plain);
        File.WriteAllText(copy.File(TokenizerConfig.FileName), """{"chat_template": [{"name": "tool_use", "template": "tools"}, {"name": "default", "template": "{{ messages[0].content }}!"}]}""");

        using var model = OnnxLanguageModel.Load(copy.Path);

        Assert.Equal("Hi!", model.ChatTemplate!.Render([new ChatMessage("user", "Hi")], addGenerationPrompt: false));
    }
}
