using Superposition.ReferenceModel.Model;

namespace Superposition.ReferenceModel.Tests.Model;

public sealed class ReferenceTokenizerTests
{
    private readonly ReferenceTokenizer _tokenizer = ReferenceTokenizer.Shared;

    [Fact]
    public void Decode_of_encode_is_the_text_including_multibyte_answers()
    {
        var text = Fig6.Prompt().Text + "意大利\n";
        Assert.Equal(text, _tokenizer.Decode(_tokenizer.Encode(text)));
    }

    [Fact]
    public void Prompt_tokens_are_a_prefix_of_prompt_plus_answer_tokens_even_when_the_answer_starts_with_punctuation()
    {
        const string prompt = "3->-3\n4->-4\n7->";
        var alone = _tokenizer.Encode(prompt);
        var joined = _tokenizer.Encode(prompt + "-7\n");
        Assert.Equal(alone, joined[..alone.Length]);
        Assert.Equal(_tokenizer.Encode("-7").Append(_tokenizer.Newline), joined[alone.Length..]);
    }

    [Fact]
    public void Answers_share_token_prefixes_as_with_real_tokenisers()
    {
        // The premise of the prefix-answer tests: o200k_base writes "Icelandic" as I|celand|ic.
        Assert.Equal(_tokenizer.Encode("I")[0], _tokenizer.Encode("Icelandic")[0]);
        Assert.True(_tokenizer.Encode("Icelandic").Length > 1);
    }

    [Fact]
    public void Partial_utf8_tokens_are_shown_as_bytes_and_carry_their_raw_bytes()
    {
        var partial = Enumerable.Range(0, _tokenizer.VocabularySize).First(id => _tokenizer.IsValid(id) && _tokenizer.Text(id).StartsWith("bytes:", StringComparison.Ordinal));
        Assert.Matches(@"^bytes:(\\x[0-9a-f]{2})+$", _tokenizer.Text(partial));
        Assert.Equal((_tokenizer.Text(partial).Length - 6) / 4, _tokenizer.Bytes(partial).Length);
    }
}
