using System.Text.Json;
using Superposition.OnnxModel.Tokenization;

namespace Superposition.OnnxModel.Tests.Tokenization;

public sealed class HuggingFaceTokenizerTests
{
    private static readonly Dictionary<string, int> Vocabulary =
        JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(Fixtures.Folder(Fixtures.Plain), "vocab.json")))!;

    [Fact]
    public void Words_the_merges_built_encode_as_their_vocabulary_tokens_with_the_space_marker()
    {
        using var tokenizer = HuggingFaceTokenizer.Load(Fixtures.Folder(Fixtures.Plain));

        var ids = tokenizer.Encode("France -> Paris");

        Assert.Equal([Vocabulary["France"], Vocabulary["Ġ->"], Vocabulary["ĠParis"]], ids);
        Assert.Equal(" Paris", tokenizer.Text(ids[2]));
    }

    [Fact]
    public void Tokenizer_json_and_vocab_json_with_merges_txt_encode_alike()
    {
        using var copy = new FolderCopy(Fixtures.Plain);
        File.Delete(copy.File("tokenizer.json"));
        using var fromJson = HuggingFaceTokenizer.Load(Fixtures.Folder(Fixtures.Plain));
        using var fromMerges = HuggingFaceTokenizer.Load(copy.Path);
        const string text = "The capital of Japan is Tokyo.\n12 -> 144\n";

        Assert.EndsWith("tokenizer.json", fromJson.File, StringComparison.Ordinal);
        Assert.EndsWith("vocab.json", fromMerges.File, StringComparison.Ordinal);
        Assert.Equal(fromJson.Encode(text), fromMerges.Encode(text));
        Assert.True(fromJson.Encode(text).Length < text.Length, "merges must shorten the text");
    }

    [Fact]
    public void Any_text_decodes_back_and_a_partial_character_shows_as_escaped_bytes()
    {
        using var tokenizer = HuggingFaceTokenizer.Load(Fixtures.Folder(Fixtures.Plain));
        const string text = "héllo, 日本 -> ✓\t\n";

        var ids = tokenizer.Encode(text);

        Assert.Equal(text, tokenizer.Decode(ids));
        var first = tokenizer.Encode("日")[0];
        Assert.Equal(@"bytes:\xe6", tokenizer.Text(first));
        Assert.Equal([0xe6], tokenizer.Bytes(first).ToArray());
    }

    [Fact]
    public void The_end_of_text_is_one_special_token_and_comes_from_the_tokenizer_without_an_eos_token_id()
    {
        using var tokenizer = HuggingFaceTokenizer.Load(Fixtures.Folder(Fixtures.Plain));

        Assert.Equal(Vocabulary["<|endoftext|>"], tokenizer.EndOfText);
        Assert.Equal(Vocabulary.Count, tokenizer.VocabularySize);
        Assert.Equal([Vocabulary["3"], tokenizer.EndOfText], tokenizer.Encode("3<|endoftext|>"));
        Assert.Equal("<|endoftext|>", tokenizer.Text(tokenizer.EndOfText));
    }
}
