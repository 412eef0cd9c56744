namespace Superposition.OnnxModel.Inference;

/// <summary>
/// ONNX Runtime's execution provider for a model. The default build carries the CPU package only; CUDA needs the
/// build with the GPU package (<c>-p:OnnxRuntimeGpu=true</c>; docs/models.md, "GPU").
/// </summary>
public enum OnnxExecutionProvider
{
    /// <summary>The CPU provider, in every build.</summary>
    Cpu,

    /// <summary>The CUDA provider: the GPU package and CUDA on the machine.</summary>
    Cuda,
}
