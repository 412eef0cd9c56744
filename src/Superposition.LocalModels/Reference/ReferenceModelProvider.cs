using Superposition.LanguageModels;
using Superposition.LocalModels.Hosting;
using Superposition.ReferenceModel.Model;
using Superposition.Scoring.Models;

namespace Superposition.LocalModels.Reference;

/// <summary>
/// The reference models (docs/reference-models.md) as a provider: Kind <c>reference</c>; the presets and
/// <c>reference:beta=..,alpha=..</c> names need no configuration; scored in-process unless a BaseUrl is configured.
/// </summary>
public sealed class ReferenceModelProvider : LocalModelProvider
{
    /// <summary>The configuration Kind of the reference models.</summary>
    public const string KindName = "reference";

    public override string Kind => KindName;

    public override IReadOnlyList<string> BuiltInNames { get; } = [.. ReferenceModelParameters.Presets.Select(p => p.Name)];

    public override string NamePattern => $"{ReferenceModelParameters.ParameterisedPrefix}beta=..,alpha=..,epsilon=..,delta=..,bias=..";

    // A name check only: resolving a model would load the vocabulary, which planning or configuration errors never need.
    public override bool Serves(string name, out string? error) => ReferenceModelParameters.TryResolve(name, out _, out error);

    /// <summary>The reference tokenizer (every reference model shares it), without building a model.</summary>
    // The reference tokenizer adds no special tokens.
    public override int[] Encode(ModelDescriptor model, string text, bool addSpecialTokens) => ReferenceTokenizer.Shared.Encode(text);

    protected override ILanguageModelCatalog CreateCatalog() => new ReferenceModelCatalog();
}
