using System.Globalization;
using System.Text;

namespace Superposition.Storage.Layout;

/// <summary>
/// Turns a name (a model such as <c>qwen2:7b</c> or <c>org/model=v1,2</c>, a distribution) into one path segment
/// and back. ASCII letters, digits, '-' and '_' stay as they are, and '.' too except at the start of a segment;
/// every other UTF-8 byte becomes <c>~XX</c> (upper-case hex). So <c>qwen2:7b</c> is <c>qwen2~3A7b</c>,
/// <c>a/b</c> is <c>a~2Fb</c>, <c>~</c> is <c>~7E</c>. Encoded segments are plain ASCII, never "." or "..", never
/// start with '.' (the local store's temporary files do), and sort in the same order on every store.
/// </summary>
public static class PathSegment
{
    public static string Encode(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = new StringBuilder(name.Length);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            var kept = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && builder.Length > 0);
            if (kept)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string Decode(string segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment);
        var bytes = new List<byte>(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] != '~')
            {
                bytes.Add((byte)segment[i]);
                continue;
            }

            if (i + 2 >= segment.Length || !byte.TryParse(segment.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                throw new FormatException($"'{segment}' is not an encoded path segment: '~' at {i} is not followed by two hex digits.");
            }

            bytes.Add(b);
            i += 2;
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
