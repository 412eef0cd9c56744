using Superposition.LanguageModels;
using Superposition.ModelServer.Hosting;
using Superposition.OnnxModel.Inference;
using Superposition.OnnxModel.Tests;
using Superposition.OnnxModel.Tests.Inference;

namespace Superposition.ModelServer.Tests.Hosting;

/// <summary>
/// The protocol server over the ONNX fixtures as <c>superposition serve-model</c> starts it (one model, a
/// OneModelCatalog, loopback): gpt2-tiny-kv (with a ChatML chat template), gpt2-tiny (none) and llama-tiny-kv (the
/// Llama architecture), and the oracle of each served model that is checked for exactness.
/// </summary>
public sealed class OnnxModelFixture : IAsyncLifetime
{
    public const string Chat = Fixtures.Cached;
    public const string NoChat = Fixtures.Plain;

    private readonly List<IAsyncDisposable> _servers = [];
    private readonly List<IDisposable> _owned = [];

    public OnnxLanguageModel Model { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public HttpClient NoChatClient { get; private set; } = null!;

    public OnnxLanguageModel Llama { get; private set; } = null!;

    public HttpClient LlamaClient { get; private set; } = null!;

    internal DirectSession Direct { get; } = new(Fixtures.Cached);

    internal DirectSession LlamaDirect { get; } = new(Fixtures.Llama);

    public async Task InitializeAsync()
    {
        Model = OnnxLanguageModel.Load(Fixtures.Folder(Chat));
        Client = await ServeAsync(Model);
        var noChat = OnnxLanguageModel.Load(Fixtures.Folder(NoChat));
        _owned.Add(noChat);
        NoChatClient = await ServeAsync(noChat);
        Llama = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Llama));
        _owned.Add(Llama);
        LlamaClient = await ServeAsync(Llama);
    }

    /// <summary>The served model of a fixture checked for exactness (gpt2-tiny-kv or llama-tiny-kv), its client and its oracle.</summary>
    internal (OnnxLanguageModel Model, HttpClient Client, DirectSession Direct) Served(string fixture) => fixture switch
    {
        Chat => (Model, Client, Direct),
        Fixtures.Llama => (Llama, LlamaClient, LlamaDirect),
        _ => throw new ArgumentOutOfRangeException(nameof(fixture), fixture, "not a served fixture checked for exactness"),
    };

    /// <summary>Serves a model as serve-model does; the server (and its client) end with the fixture.</summary>
    public async Task<HttpClient> ServeAsync(ILanguageModel model)
    {
        var server = await ProtocolServer.StartAsync(new OneModelCatalog(model), new ProtocolServerOptions());
        _servers.Add(server);
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        _owned.Add(client);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _owned.ForEach(d => d.Dispose());
        Model.Dispose();
        Direct.Dispose();
        LlamaDirect.Dispose();
    }
}
