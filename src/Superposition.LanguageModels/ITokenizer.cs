namespace Superposition.LanguageModels;

/// <summary>A model's tokenizer: text to token ids and back, and each token's raw bytes. Thread-safe.</summary>
public interface ITokenizer
{
    /// <summary>One more than the largest token id.</summary>
    int VocabularySize { get; }

    /// <summary>The end-of-text token (generation stops when it is drawn; it is never part of a returned text).</summary>
    int EndOfText { get; }

    /// <summary>
    /// A text's ids with the special tokens put around them when special tokens are added (transformers' and vLLM's
    /// add_special_tokens, on by default for completions and /tokenize): a BOS before them for Llama-family
    /// tokenizers, for some an EOS after; none for GPT-2's kind and the reference models (the default). Token-id
    /// prompts and chat (whose template writes them) never get them added.
    /// </summary>
    int[] WithSpecialTokens(int[] ids) => ids;

    /// <summary>True for an id the tokenizer can decode.</summary>
    bool IsValid(int id);

    /// <summary>The token ids of a text, without special tokens added (special tokens written in the text are matched).</summary>
    int[] Encode(string text);

    /// <summary>The text of a token sequence as the tokenizer decodes it, special tokens included (invalid UTF-8 becomes U+FFFD).</summary>
    string Decode(ReadOnlySpan<int> ids);

    /// <summary>The raw bytes of a token (a token may hold part of a UTF-8 character).</summary>
    ReadOnlySpan<byte> Bytes(int id);

    /// <summary>
    /// The token as a string: its UTF-8 text, or, where its bytes are not valid UTF-8 alone, "bytes:" followed by
    /// \xNN escapes (OpenAI's convention for partial characters).
    /// </summary>
    string Text(int id);
}
