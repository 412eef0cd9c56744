using Superposition.LanguageModels;
using Superposition.ModelServer.Hosting;
using Superposition.Scoring.Models;

namespace Superposition.LocalModels.Hosting;

/// <summary>
/// A provider whose models run in this process: its <see cref="ILanguageModelCatalog"/> is served by one
/// <see cref="ProtocolServer"/> on loopback (real HTTP, an ephemeral port), started on the first model used and
/// stopped when the provider is disposed. Subclasses name the models; serving them is the same for every model.
/// </summary>
public abstract class LocalModelProvider : IModelProvider, IAsyncDisposable, IDisposable
{
    private readonly Lazy<ILanguageModelCatalog> _catalog;
    private readonly Lazy<Task<ProtocolServer>> _server;
    private bool _disposed;

    /// <param name="options">Settings of the server (its Urls are loopback by default).</param>
    protected LocalModelProvider(ProtocolServerOptions? options)
    {
        // The catalog loads vocabularies or weights: only when a model of this provider is used, not at registration.
        _catalog = new Lazy<ILanguageModelCatalog>(CreateCatalog);
        _server = new Lazy<Task<ProtocolServer>>(() => ProtocolServer.StartAsync(_catalog.Value, options ?? new ProtocolServerOptions()));
    }

    public abstract string Kind { get; }

    public abstract IReadOnlyList<string> BuiltInNames { get; }

    public abstract string? NamePattern { get; }

    /// <summary>The running server, once a model of this provider was used; null before.</summary>
    public ProtocolServer? Server => _server.IsValueCreated && _server.Value.IsCompletedSuccessfully ? _server.Value.Result : null;

    /// <summary>The served models (created on first use).</summary>
    public ILanguageModelCatalog Catalog => _catalog.Value;

    public abstract bool Serves(string name, out string? error);

    /// <inheritdoc cref="IModelProvider.ParameterCount"/>
    public virtual long? ParameterCount(string name) => null;

    public async Task<Uri> StartEndpointAsync(ModelDescriptor model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ObjectDisposedException.ThrowIf(_disposed, this);
        Load(model);
        var server = await _server.Value.WaitAsync(cancellationToken);
        return new Uri(server.BaseAddress, "v1/");
    }

    /// <inheritdoc cref="IModelProvider.Load"/>
    public void Load(ModelDescriptor model) => Served(model);

    /// <summary>The served model's own tokenizer (the model the server would resolve for <see cref="ModelDescriptor.RemoteModel"/>).</summary>
    public virtual int[] Encode(ModelDescriptor model, string text, bool addSpecialTokens)
    {
        var tokenizer = Served(model).Tokenizer;
        var ids = tokenizer.Encode(text);
        return addSpecialTokens ? tokenizer.WithSpecialTokens(ids) : ids;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server.IsValueCreated && !_disposed)
        {
            _disposed = true;
            await (await _server.Value).DisposeAsync();
        }

        // After the server: no request still uses a model when its session is released.
        if (_catalog.IsValueCreated && _catalog.Value is IDisposable catalog)
        {
            catalog.Dispose();
        }

        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>Synchronous disposal for containers disposed synchronously; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The served model (the one the server would resolve for <see cref="ModelDescriptor.RemoteModel"/>), loaded; else one error naming the model and the problem.</summary>
    private ILanguageModel Served(ModelDescriptor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Catalog.TryResolve(model.RemoteModel, out var served, out var error) ? served
            : throw new ModelConfigurationException($"Model '{model.Name}': the {Kind} provider cannot serve '{model.RemoteModel}'{(error is null ? "." : ": " + error)}");
    }

    /// <summary>The models this provider serves.</summary>
    protected abstract ILanguageModelCatalog CreateCatalog();
}
