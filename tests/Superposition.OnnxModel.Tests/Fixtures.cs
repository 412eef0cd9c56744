namespace Superposition.OnnxModel.Tests;

/// <summary>The committed test models (tests/fixtures/onnx, written by make_models.py there), copied next to the tests.</summary>
internal static class Fixtures
{
    /// <summary>input_ids, attention_mask → logits: padded on the right.</summary>
    public const string Plain = "gpt2-tiny";

    /// <summary>The same weights with position_ids and a key/value cache: padded on the left.</summary>
    public const string Cached = "gpt2-tiny-kv";

    /// <summary>
    /// A Llama-architecture decoder in the cache layout (grouped-query attention with 2 key/value heads for 4 query
    /// heads, rotary positions, RMSNorm, SwiGLU, an untied lm_head) with the Llama 3-shaped tokenizer: padded on the left.
    /// </summary>
    public const string Llama = "llama-tiny-kv";

    /// <summary>
    /// The same architecture with weights of its own and the Mistral-shaped (SentencePiece-style) tokenizer, whose
    /// answers get a word-start marker alone that they do not have after "->": padded on the left.
    /// </summary>
    public const string Mistral = "mistral-tiny-kv";

    /// <summary>The models' context (config.json's n_positions; max_position_embeddings for the Llama).</summary>
    public const int ContextLength = 64;

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "onnx", name);

    public static string Malformed(string file) => Path.Combine(AppContext.BaseDirectory, "fixtures", "onnx", "malformed", file);

    /// <summary>A tokenizer fixture (tests/fixtures/tokenizers, written by make_tokenizers.py there), copied next to the tests.</summary>
    public static string Tokenizer(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "tokenizers", name);
}

/// <summary>A copy of a tokenizer fixture (without one of its files, if named) in a temporary directory, to edit; deleted on dispose.</summary>
internal sealed class TokenizerFolderCopy : IDisposable
{
    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "superposition-tokenizer-" + Guid.NewGuid().ToString("N"));

    public TokenizerFolderCopy(string fixture, string? without = null)
    {
        Path = System.IO.Path.Combine(_root, fixture);
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(Fixtures.Tokenizer(fixture)).Where(f => System.IO.Path.GetFileName(f) != without))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

/// <summary>A copy of a fixture folder in a temporary directory, to break on purpose; deleted on dispose.</summary>
internal sealed class FolderCopy : IDisposable
{
    public FolderCopy(string fixture)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "superposition-onnx-" + Guid.NewGuid().ToString("N"), fixture);
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(Fixtures.Folder(fixture)))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
}
