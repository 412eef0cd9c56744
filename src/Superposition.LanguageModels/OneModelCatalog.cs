namespace Superposition.LanguageModels;

/// <summary>A catalog of one model under its own name (a server started for one model, e.g. <c>superposition serve-model</c>).</summary>
public sealed class OneModelCatalog(ILanguageModel served) : ILanguageModelCatalog
{
    public IReadOnlyList<string> ServedNames { get; } = [served.Name];

    public string NamesHint => $"'{served.Name}'";

    public bool TryResolve(string name, out ILanguageModel model, out string? error)
    {
        error = null;
        model = served;
        return string.Equals(name, served.Name, StringComparison.Ordinal);
    }
}
