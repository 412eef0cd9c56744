namespace Superposition.OnnxModel.Inference;

/// <summary>
/// The execution provider a model asked for cannot run in this process: the build carries ONNX Runtime's CPU package
/// only, or CUDA (or the device) is missing. Raised when the model is loaded, with one message saying what to do.
/// </summary>
/// <param name="provider">The provider that was asked for.</param>
/// <param name="detail">ONNX Runtime's own words.</param>
/// <param name="inner">ONNX Runtime's exception.</param>
public sealed class ExecutionProviderUnavailableException(OnnxExecutionProvider provider, string detail, Exception? inner = null)
    : Exception($"ONNX Runtime's {provider.ToString().ToUpperInvariant()} execution provider is not available ({detail}). The default build carries the CPU package only: build with the GPU package (dotnet build -p:OnnxRuntimeGpu=true) on a machine with CUDA and cuDNN, or use ExecutionProvider cpu.", inner)
{
    /// <summary>The provider that was asked for.</summary>
    public OnnxExecutionProvider Provider { get; } = provider;
}
