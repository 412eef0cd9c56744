using Superposition.Scoring.Backends;

namespace Superposition.Scoring.Models;

/// <summary>
/// A source of models the suite runs itself (the reference models, ONNX and trained models). The scoring core
/// knows no provider: it resolves names, gets each model's <see cref="IScoringBackend"/> and counts tokens through
/// this seam; the backend answers from the model in this process, without HTTP. Register with
/// <c>services.AddSingleton&lt;IModelProvider&gt;(...)</c> (the reference models: <c>AddReferenceModels()</c>).
/// </summary>
public interface IModelProvider
{
    /// <summary>The configuration Kind that selects this provider (e.g. <c>reference</c>), matched case-insensitively.</summary>
    string Kind { get; }

    /// <summary>Names that resolve without configuration, listed among the known models.</summary>
    IReadOnlyList<string> BuiltInNames { get; }

    /// <summary>The other names it serves without configuration, for "unknown model" messages (e.g. <c>reference:beta=..</c>); null when none.</summary>
    string? NamePattern { get; }

    /// <summary>
    /// Whether the provider serves <paramref name="name"/> without configuration. False with <paramref name="error"/>
    /// null when the name is not the provider's; false with an error naming the bad part when the name follows the
    /// provider's pattern but its parameters are wrong.
    /// </summary>
    bool Serves(string name, out string? error);

    /// <summary>
    /// The in-process backend of <paramref name="model"/> (a model of this provider without BaseUrl), its model
    /// loaded; released when the provider is disposed. A model that cannot load throws a
    /// <see cref="ModelConfigurationException"/> naming the model, the file and the problem.
    /// </summary>
    IScoringBackend CreateBackend(ModelDescriptor model);

    /// <summary>
    /// The parameters of a model the provider serves without configuration (a trained model records them), or null;
    /// a configured <c>ParameterCount</c> takes precedence.
    /// </summary>
    long? ParameterCount(string name) => null;

    /// <summary>
    /// Loads <paramref name="model"/> now (weights, tokenizer), so that a model that cannot load fails once, before
    /// its first prompt, with a <see cref="ModelConfigurationException"/> naming the model, the file and the problem,
    /// rather than on each request. The default has nothing to load.
    /// </summary>
    void Load(ModelDescriptor model)
    {
    }

    /// <summary>
    /// The token ids of a text as the model's server tokenises it (/tokenize, with the special tokens it adds when
    /// <paramref name="addSpecialTokens"/>), computed in this process without a request: the planner's exact token
    /// counts, and the scorer's tokenisation of the provider's models.
    /// </summary>
    int[] Encode(ModelDescriptor model, string text, bool addSpecialTokens);
}
