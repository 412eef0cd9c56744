using Superposition.ReferenceModel.Hosting;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// The in-process reference server behind reference models that have no configured base URL: started on the
/// first use on a loopback ephemeral port (real HTTP), stopped when the host is disposed.
/// </summary>
public sealed class ReferenceEndpointHost : IAsyncDisposable, IDisposable
{
    private readonly Lazy<Task<ReferenceServer>> _server;
    private bool _disposed;

    public ReferenceEndpointHost(ReferenceServerOptions? options = null)
    {
        _server = new Lazy<Task<ReferenceServer>>(() => ReferenceServer.StartAsync(options ?? new ReferenceServerOptions()));
    }

    /// <summary>The server's OpenAI API base (http://127.0.0.1:port/v1/), starting it if needed.</summary>
    public async Task<Uri> ApiBaseAsync()
    {
        var server = await _server.Value;
        return new Uri(server.BaseAddress, "v1/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server.IsValueCreated && !_disposed)
        {
            _disposed = true;
            await (await _server.Value).DisposeAsync();
        }
    }

    /// <summary>Synchronous disposal for containers disposed synchronously; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
