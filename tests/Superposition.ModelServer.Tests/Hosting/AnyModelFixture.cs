using Superposition.ModelServer.Hosting;

namespace Superposition.ModelServer.Tests.Hosting;

/// <summary>A protocol server of the tiny bigram model (no reference model) on an ephemeral loopback port.</summary>
public sealed class AnyModelFixture : IAsyncLifetime
{
    public ProtocolServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ProtocolServer.StartAsync(new ByteBigramCatalog());
        Client = new HttpClient { BaseAddress = Server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
