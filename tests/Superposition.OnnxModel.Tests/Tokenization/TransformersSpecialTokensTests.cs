using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Tokenization;

namespace Superposition.OnnxModel.Tests.Tokenization;

/// <summary>What each family's text prompt gets added, as transformers adds it (docs/reference-models.md, "Special tokens").</summary>
public sealed class TransformersSpecialTokensTests
{
    [Theory]
    [InlineData("llama3", "<|begin_of_text|>", null, "tokenizer.json's post_processor")]
    [InlineData("mistral", "<s>", null, "LlamaTokenizer's rule")]
    [InlineData("llama2", "<s>", null, "LlamaTokenizer's rule")]
    [InlineData("qwen2", null, null, "tokenizer.json's post_processor")]
    [InlineData("gpt2", null, null, "tokenizer.json's post_processor")]
    public void Each_family_gets_the_special_tokens_transformers_adds_and_none_without_special_tokens(string fixture, string? before, string? after, string source)
    {
        using var tokenizer = HuggingFaceTokenizer.Load(Fixtures.Tokenizer(fixture));
        var bare = tokenizer.Encode("5->");

        int[] expected = [.. Ids(tokenizer, before), .. bare, .. Ids(tokenizer, after)];

        Assert.Equal(expected, tokenizer.Encode("5->", addSpecialTokens: true));
        Assert.Equal(bare, tokenizer.Encode("5->", addSpecialTokens: false));
        Assert.StartsWith(source, tokenizer.SpecialTokens.Source, StringComparison.Ordinal);
        Assert.DoesNotContain(tokenizer.IdOf("<|begin_of_text|>") ?? -1, bare);
    }

    [Fact]
    public void A_llama_class_reads_add_eos_token_and_add_bos_token_from_tokenizer_config_over_its_post_processor()
    {
        using var copy = new TokenizerFolderCopy("llama2");
        Edit(copy, "\"add_bos_token\": true", "\"add_bos_token\": false");
        Edit(copy, "\"add_eos_token\": false", "\"add_eos_token\": true");

        using var tokenizer = HuggingFaceTokenizer.Load(copy.Path);

        Assert.Equal([.. tokenizer.Encode("5->"), tokenizer.IdOf("</s>")!.Value], tokenizer.Encode("5->", addSpecialTokens: true));
    }

    [Fact]
    public void Pretrained_tokenizer_fast_ignores_add_bos_token_and_keeps_the_post_processors_bos_as_transformers_does()
    {
        using var copy = new TokenizerFolderCopy("llama3");
        Edit(copy, "\"tokenizer_class\": \"PreTrainedTokenizerFast\"", "\"tokenizer_class\": \"PreTrainedTokenizerFast\", \"add_bos_token\": false");

        using var tokenizer = HuggingFaceTokenizer.Load(copy.Path);

        Assert.Equal(tokenizer.IdOf("<|begin_of_text|>"), tokenizer.Encode("5->", addSpecialTokens: true)[0]);
    }

    [Fact]
    public void A_llama_class_whose_default_bos_the_vocabulary_lacks_fails_at_load_naming_tokenizer_config()
    {
        using var copy = new TokenizerFolderCopy("llama3");
        Edit(copy, "\"tokenizer_class\": \"PreTrainedTokenizerFast\"", "\"tokenizer_class\": \"LlamaTokenizerFast\"");
        Edit(copy, "\"bos_token\": \"<|begin_of_text|>\"", "\"bos_token\": \"<s>\"");

        var e = Assert.Throws<ModelFolderException>(() => HuggingFaceTokenizer.Load(copy.Path));

        Assert.Equal(Path.Combine(copy.Path, TokenizerConfig.FileName), e.File);
        Assert.Contains("'<s>'", e.Message, StringComparison.Ordinal);
    }

    private static int[] Ids(HuggingFaceTokenizer tokenizer, string? token) => token is null ? [] : [tokenizer.IdOf(token)!.Value];

    private static void Edit(TokenizerFolderCopy copy, string from, string to)
    {
        var file = Path.Combine(copy.Path, TokenizerConfig.FileName);
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }
}
