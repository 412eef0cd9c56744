using Superposition.LanguageModels;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Folders;

public sealed class TokenizerConfigTests
{
    [Fact]
    public void The_kv_fixture_has_a_chatml_template_and_the_plain_fixture_none_and_neither_adds_a_bos()
    {
        using var kv = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        using var plain = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Plain));

        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", kv.ChatTemplate!.Render([new ChatMessage("user", "Hi")], addGenerationPrompt: true));
        Assert.Null(plain.ChatTemplate);
        Assert.Null(kv.Tokenizer.BeginningOfText);
        Assert.Null(plain.Tokenizer.BeginningOfText);
    }

    [Fact]
    public void Add_bos_token_makes_the_bos_tokens_id_the_tokenizers_beginning_of_text()
    {
        using var copy = new FolderCopy(Fixtures.Plain);
        File.WriteAllText(copy.File(TokenizerConfig.FileName), """{"add_bos_token": true, "bos_token": {"content": "<|endoftext|>"}}""");

        using var model = OnnxLanguageModel.Load(copy.Path);

        Assert.Equal(model.Tokenizer.EndOfText, model.Tokenizer.BeginningOfText);
    }

    [Fact]
    public void Add_bos_token_without_a_known_bos_token_or_bos_token_id_fails_at_load_naming_the_file()
    {
        using var copy = new FolderCopy(Fixtures.Plain);
        File.WriteAllText(copy.File(TokenizerConfig.FileName), """{"add_bos_token": true, "bos_token": "<s>"}""");
        File.WriteAllText(copy.File(ModelFolder.ConfigFile), File.ReadAllText(copy.File(ModelFolder.ConfigFile)).Replace("\"bos_token_id\"", "\"unused_bos\"", StringComparison.Ordinal));

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
