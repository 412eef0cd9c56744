namespace Superposition.OnnxModel.Inference;

/// <summary>How an ONNX model folder is loaded.</summary>
/// <param name="Name">The name clients send; the folder's name when null.</param>
/// <param name="Threads">ONNX Runtime's intra-op threads; its default (the cores) when null.</param>
/// <param name="ExecutionProvider">Where ONNX Runtime runs the graph: the CPU (default), or CUDA with the GPU package.</param>
/// <param name="DeviceId">The CUDA device, with <see cref="OnnxExecutionProvider.Cuda"/>.</param>
public sealed record OnnxModelOptions(string? Name = null, int? Threads = null, OnnxExecutionProvider ExecutionProvider = OnnxExecutionProvider.Cpu, int DeviceId = 0);
