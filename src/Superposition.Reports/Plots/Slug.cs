using System.Text;

namespace Superposition.Reports.Plots;

/// <summary>File-name-safe stems from model and distribution names.</summary>
internal static class Slug
{
    /// <summary>Lower-case letters and digits kept, runs of anything else turned into one dash.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        // Names that differ only in dropped characters must not share a file: add a short stable hash.
        return (slug.Length == 0 ? "x" : slug) + "-" + Hash(text);
    }

    private static string Hash(string text)
    {
        uint h = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            h = (h ^ b) * 16777619;
        }

        return (h % 0x10000).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
    }
}
