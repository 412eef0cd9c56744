using Superposition.LanguageModels;
using Superposition.LocalModels.InProcess;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Models;

namespace Superposition.LocalModels.Hosting;

/// <summary>
/// A provider whose models run in this process: each model's <see cref="InProcessBackend"/> answers the scorer from
/// the model's forward pass, without a server. Subclasses name the models; scoring them is the same for every
/// model. The catalog (vocabularies, weights) loads on the first model used and is released with the provider.
/// The protocol server serves the same catalog where a server is wanted (<c>serve-model</c>, <c>serve-reference</c>).
/// </summary>
public abstract class LocalModelProvider : IModelProvider, IDisposable
{
    private readonly Lazy<ILanguageModelCatalog> _catalog;
    private bool _disposed;

    protected LocalModelProvider()
    {
        // The catalog loads vocabularies or weights: only when a model of this provider is used, not at registration.
        _catalog = new Lazy<ILanguageModelCatalog>(CreateCatalog);
    }

    public abstract string Kind { get; }

    public abstract IReadOnlyList<string> BuiltInNames { get; }

    public abstract string? NamePattern { get; }

    /// <summary>The models (created on first use).</summary>
    public ILanguageModelCatalog Catalog => _catalog.Value;

    public abstract bool Serves(string name, out string? error);

    /// <inheritdoc cref="IModelProvider.ParameterCount"/>
    public virtual long? ParameterCount(string name) => null;

    /// <inheritdoc cref="IModelProvider.CreateBackend"/>
    public IScoringBackend CreateBackend(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new InProcessBackend(model, Served(model));
    }

    /// <inheritdoc cref="IModelProvider.Load"/>
    public void Load(ModelDescriptor model) => Served(model);

    /// <summary>The model's own tokenizer (the model <see cref="ModelDescriptor.RemoteModel"/> names).</summary>
    public virtual int[] Encode(ModelDescriptor model, string text, bool addSpecialTokens)
    {
        var tokenizer = Served(model).Tokenizer;
        var ids = tokenizer.Encode(text);
        return addSpecialTokens ? tokenizer.WithSpecialTokens(ids) : ids;
    }

    /// <summary>Releases the models (their sessions); backends created before must not be used after.</summary>
    public void Dispose()
    {
        if (!_disposed && _catalog.IsValueCreated && _catalog.Value is IDisposable catalog)
        {
            catalog.Dispose();
        }

        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>The model <see cref="ModelDescriptor.RemoteModel"/> names, loaded; else one error naming the model and the problem.</summary>
    private ILanguageModel Served(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Catalog.TryResolve(model.RemoteModel, out var served, out var error) ? served
            : throw new ModelConfigurationException($"Model '{model.Name}': the {Kind} provider cannot serve '{model.RemoteModel}'{(error is null ? "." : ": " + error)}");
    }

    /// <summary>The models this provider serves.</summary>
    protected abstract ILanguageModelCatalog CreateCatalog();
}
