using Superposition.ModelServer.Hosting;
using Superposition.ReferenceModel.Model;

namespace Superposition.LocalModels.Reference;

/// <summary>The reference models behind the protocol server, for the CLI's serve-reference, tests and benchmarks.</summary>
public static class ReferenceModels
{
    /// <summary>Starts a protocol server of the reference models on <see cref="ProtocolServerOptions.Urls"/> (default: loopback, ephemeral port).</summary>
    public static Task<ProtocolServer> StartServerAsync(ProtocolServerOptions? options = null, CancellationToken cancellationToken = default) =>
        ProtocolServer.StartAsync(new ReferenceModelCatalog(), options, cancellationToken);
}
