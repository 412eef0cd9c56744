using System.Collections.Concurrent;
using Superposition.LanguageModels;

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// The reference models as a served catalog: the presets by name, and <c>reference:beta=..,alpha=..</c> built on
/// first use (one model per distinct name, sharing the process-wide tokenizer).
/// </summary>
public sealed class ReferenceModelCatalog : ILanguageModelCatalog
{
    private readonly ConcurrentDictionary<string, ReferenceLanguageModel> _models = new(StringComparer.Ordinal);
    private readonly ReferenceTokenizer _tokenizer;

    /// <summary>A catalog over <see cref="ReferenceTokenizer.Shared"/> (loads the vocabulary now, not at the first request).</summary>
    public ReferenceModelCatalog()
    {
        _tokenizer = ReferenceTokenizer.Shared;
    }

    /// <summary>The presets, in the order <c>GET /v1/models</c> lists them.</summary>
    public IReadOnlyList<string> ServedNames { get; } = [.. ReferenceModelParameters.Presets.Select(p => p.Name)];

    public string NamesHint =>
        $"{string.Join(", ", ServedNames)}, or {ReferenceModelParameters.ParameterisedPrefix}beta=..,alpha=..,epsilon=..,delta=..,bias=..";

    public bool TryResolve(string name, out ILanguageModel model, out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_models.TryGetValue(name, out var known))
        {
            (model, error) = (known, null);
            return true;
        }

        if (!ReferenceModelParameters.TryResolve(name, out var parameters, out error))
        {
            model = null!;
            return false;
        }

        model = _models.GetOrAdd(name, static (_, state) => new ReferenceLanguageModel(state.Parameters, state.Tokenizer), (Parameters: parameters, Tokenizer: _tokenizer));
        return true;
    }
}
