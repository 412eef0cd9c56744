using System.Runtime.InteropServices;
using System.Text;
using Superposition.LanguageModels;

namespace Superposition.ModelServer.Sampling;

/// <summary>
/// The character offset of each token of a sequence in its decoded text (legacy completions' <c>text_offset</c>),
/// token by token: a token that ends inside a UTF-8 character carries its bytes to the next one, so the character
/// is counted where it is completed. Shared by the protocol server and the in-process backend.
/// </summary>
public sealed class CharacterOffsets(ITokenizer tokenizer)
{
    private readonly List<byte> _pending = [];
    private int _offset;

    /// <summary>The offset at which <paramref name="token"/> starts; advances past it.</summary>
    public int Next(int token)
    {
        var start = _offset;
        _pending.AddRange(tokenizer.Bytes(token));
        var span = CollectionsMarshal.AsSpan(_pending);
        var complete = span.Length;

        // Keep a trailing incomplete UTF-8 sequence for the next token.
        for (var back = 1; back <= Math.Min(3, span.Length); back++)
        {
            var b = span[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            if (need > back)
            {
                complete = span.Length - back;
            }

            break;
        }

        _offset += Encoding.UTF8.GetCharCount(span[..complete]);
        _pending.RemoveRange(0, complete);
        return start;
    }
}
