using System.Text;

namespace Superposition.LanguageModels;

/// <summary>The string a server shows for a token (<see cref="ITokenizer.Text"/>), the same for every tokenizer.</summary>
public static class TokenText
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    /// <summary>
    /// The token's UTF-8 text, or, where its bytes are not valid UTF-8 alone, "bytes:" followed by \xNN escapes
    /// (OpenAI's convention for partial characters).
    /// </summary>
    public static string Of(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var text = new StringBuilder("bytes:", 6 + 4 * bytes.Length);
            foreach (var b in bytes)
            {
                text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }
}
