using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace Superposition.LanguageModels;

/// <summary>
/// The raw bytes of every token of a tiktoken vocabulary (o200k_base, cl100k_base), read from the Microsoft.ML.Tokenizers
/// data package. The tokenizer keeps its byte table internal, and token bytes are needed for partial UTF-8 tokens and
/// chat logprobs' "bytes"; the reference tokenizer and the scoring clients both read them here.
/// </summary>
public static class TiktokenRanks
{
    /// <summary>Token id → bytes, from the data package assembly (e.g. "Microsoft.ML.Tokenizers.Data.O200kBase").</summary>
    public static Dictionary<int, byte[]> Load(string dataAssembly)
    {
        var assembly = Assembly.Load(dataAssembly);
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".tiktoken.deflate", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var inflated = new DeflateStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(inflated, Encoding.UTF8);
        var ranks = new Dictionary<int, byte[]>(200_000);
        var next = 0;
        while (reader.ReadLine() is { } line)
        {
            // The packaged file starts with a "Capacity: N" line; then one base64 token per line, ranked by order
            // (or "base64 rank" as in the original .tiktoken format).
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var rank = space > 0 ? int.Parse(line.AsSpan(space + 1), provider: CultureInfo.InvariantCulture) : next;
            ranks[rank] = Convert.FromBase64String(space > 0 ? line[..space] : line);
            next = rank + 1;
        }

        return ranks;
    }
}
