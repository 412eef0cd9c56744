namespace Superposition.OnnxModel.Tokenization;

/// <summary>
/// GPT-2's byte-level alphabet: each of the 256 bytes written as one printable character (the bytes_to_unicode
/// table of its tokenizer), in which byte-level vocabularies and merges are written.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly Dictionary<char, byte> Decoder = Build();

    /// <summary>The raw bytes of a byte-level vocabulary entry; false when a character is outside the alphabet.</summary>
    public static bool TryDecode(string token, out byte[] bytes)
    {
        bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            if (!Decoder.TryGetValue(token[i], out bytes[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<char, byte> Build()
    {
        // Printable Latin-1 bytes stand for themselves; the others (controls, space, soft hyphen...) are shifted to 256 + n in byte order.
        var decoder = new Dictionary<char, byte>(256);
        var shifted = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ';
            decoder[(char)(printable ? b : 256 + shifted++)] = (byte)b;
        }

        return decoder;
    }
}
