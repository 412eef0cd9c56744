using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit.Sdk;

namespace Superposition.OnnxModel.Tests.Tokenization;

/// <summary>
/// Hugging Face's tokenizers library (the Rust crate, through its Node binding) as the reference the suite's tokenizer
/// is compared with: runs <c>node tests/fixtures/tokenizers/oracle.mjs REQUEST.json</c> from the repository root.
/// Without Node.js or the npm package (<c>npm ci</c> at the repository root installs it) the calling test fails: the
/// comparison is never skipped.
/// </summary>
internal static class HuggingFaceOracle
{
    private const string Script = "tests/fixtures/tokenizers/oracle.mjs";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root: the folder above the test binaries holding package.json and the oracle script.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The oracle's encodings of <paramref name="texts"/> and decodings of <paramref name="ids"/> with <paramref name="tokenizerJson"/>.</summary>
    public static OracleAnswer Run(string tokenizerJson, IReadOnlyList<string> texts, IReadOnlyList<IReadOnlyList<int>> ids)
    {
        var root = RepositoryRoot;
        var request = Path.Combine(Path.GetTempPath(), $"superposition-oracle-{Guid.NewGuid():N}.json");
        File.WriteAllText(request, JsonSerializer.Serialize(new { tokenizer = Path.GetFullPath(tokenizerJson), texts, ids }, Json), new UTF8Encoding(false));
        try
        {
            var (exitCode, stdout, stderr) = RunNode(root, request);
            if (exitCode == 2)
            {
                throw new XunitException($"The tokenizer oracle ({Script}) refused the request or found no tokenizers binding: {stderr.Trim()}. Run `npm ci` at the repository root ({root}) to install Hugging Face's tokenizers (package.json).");
            }

            if (exitCode != 0)
            {
                throw new XunitException($"The tokenizer oracle ({Script}) exited with {exitCode}: {stderr.Trim()}. Run `npm ci` at the repository root ({root}) to install Hugging Face's tokenizers (package.json).");
            }

            try
            {
                return JsonSerializer.Deserialize<OracleAnswer>(stdout, Json)
                    ?? throw new XunitException($"The tokenizer oracle ({Script}) answered null.");
            }
            catch (JsonException e)
            {
                throw new XunitException($"The tokenizer oracle ({Script}) answered something that is not its JSON ({e.Message}): {Truncate(stdout)} {Truncate(stderr)}");
            }
        }
        finally
        {
            File.Delete(request);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) RunNode(string root, string request)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(root, Script));
        start.ArgumentList.Add(request);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new XunitException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new XunitException($"The tokenizer oracle needs Node.js (`node` on the PATH), which did not start ({e.Message}). Install Node.js, then run `npm ci` at the repository root ({root}).");
        }

        using (process)
        {
            // Both streams are read to the end while the process runs, so that neither pipe fills and blocks it.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new XunitException($"The tokenizer oracle ({Script}) did not answer within {Timeout.TotalSeconds:0} s; killed. Check that `npm ci` at the repository root ({root}) installed Hugging Face's tokenizers.");
            }

            process.WaitForExit();
            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")) && File.Exists(Path.Combine(folder.FullName, Script)))
            {
                return folder.FullName;
            }
        }

        throw new XunitException($"No folder above {AppContext.BaseDirectory} holds package.json and {Script}: the oracle test runs from the repository's build output.");
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}

/// <summary>The oracle's answer: one encoding per text, one decoding per id list, or an error (the tokenizer did not load).</summary>
internal sealed record OracleAnswer(
    IReadOnlyList<OracleEncoding>? Encodings,
    IReadOnlyList<OracleDecoding>? Decodings,
    string? Version,
    string? Package,
    string? Crate,
    string? Error);

/// <summary>A text's ids with add_special_tokens true and false.</summary>
internal sealed record OracleEncoding(int[] WithSpecialTokens, int[] WithoutSpecialTokens);

/// <summary>Ids' text with skip_special_tokens false and true.</summary>
internal sealed record OracleDecoding(string KeepSpecialTokens, string SkipSpecialTokens);
