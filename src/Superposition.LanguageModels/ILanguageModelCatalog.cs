namespace Superposition.LanguageModels;

/// <summary>The models a server serves, resolved by the names clients send. Thread-safe.</summary>
public interface ILanguageModelCatalog
{
    /// <summary>The names <c>GET /v1/models</c> lists (the first one's tokenizer answers /tokenize without a model).</summary>
    IReadOnlyList<string> ServedNames { get; }

    /// <summary>What a client may send, for the "model does not exist" answer (e.g. the names and a name pattern).</summary>
    string NamesHint { get; }

    /// <summary>
    /// The model of that name. False with <paramref name="error"/> null when the catalog has no such model (a
    /// 404 for the client); false with an error naming the bad part when the name matches the catalog's pattern
    /// but its parameters are wrong (a 400).
    /// </summary>
    bool TryResolve(string name, out ILanguageModel model, out string? error);
}
