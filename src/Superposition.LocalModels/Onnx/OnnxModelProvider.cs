using Microsoft.Extensions.Configuration;
using Superposition.LanguageModels;
using Superposition.LocalModels.Hosting;
using Superposition.ModelServer.Hosting;

namespace Superposition.LocalModels.Onnx;

/// <summary>
/// Causal language models exported to ONNX as a provider: Kind <c>onnx</c>, each model configured by name with
/// <c>Path = &lt;folder&gt;</c>; served in-process behind the protocol server on loopback unless a BaseUrl is
/// configured. Its settings are read from the model's own configuration section, so the scoring core knows no ONNX.
/// </summary>
public sealed class OnnxModelProvider(IConfiguration configuration, ProtocolServerOptions? options = null) : LocalModelProvider(options)
{
    /// <summary>The configuration Kind of ONNX models.</summary>
    public const string KindName = "onnx";

    public override string Kind => KindName;

    // Every ONNX model is configured: a folder has no name the suite could know.
    public override IReadOnlyList<string> BuiltInNames { get; } = [];

    public override string? NamePattern => null;

    public override bool Serves(string name, out string? error)
    {
        error = null;
        return false;
    }

    protected override ILanguageModelCatalog CreateCatalog() => new OnnxModelCatalog(configuration);
}
