namespace Superposition.Scoring.Models;

/// <summary>
/// The configuration names of the remote kinds of <see cref="ModelKind"/>: vllm, openai, azure-openai, llamacpp,
/// ollama, openai-compatible. <see cref="ModelKind.Suite"/> has none of its own: each <see cref="IModelProvider"/>
/// names its Kind (reference, ...), resolved by <see cref="ModelCatalog"/>.
/// </summary>
public static class ModelKinds
{
    private static readonly (string Name, ModelKind Kind)[] Names =
    [
        ("vllm", ModelKind.Vllm),
        ("openai", ModelKind.OpenAI),
        ("azure-openai", ModelKind.AzureOpenAI),
        ("llamacpp", ModelKind.LlamaCpp),
        ("ollama", ModelKind.Ollama),
        ("openai-compatible", ModelKind.OpenAICompatible),
    ];

    /// <summary>Every remote kind's configuration name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The configuration name; "suite" for <see cref="ModelKind.Suite"/> (see <see cref="ModelDescriptor.KindName"/>).</summary>
    public static string Name(this ModelKind kind) => kind == ModelKind.Suite ? "suite" : Names.First(n => n.Kind == kind).Name;

    /// <summary>Parses a configuration name (case-insensitive; "azure" and "llama.cpp" are accepted too).</summary>
    public static bool TryParse(string? text, out ModelKind kind)
    {
        var normalized = text?.Trim().ToLowerInvariant() switch
        {
            "azure" or "azureopenai" => "azure-openai",
            "llama.cpp" or "llama-cpp" => "llamacpp",
            "openaicompatible" => "openai-compatible",
            var other => other,
        };
        foreach (var (name, k) in Names)
        {
            if (name == normalized)
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
