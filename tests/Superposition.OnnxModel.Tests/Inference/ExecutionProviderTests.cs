using Superposition.OnnxModel.Inference;

namespace Superposition.OnnxModel.Tests.Inference;

/// <summary>The execution provider of the default build: ONNX Runtime's CPU package, so CUDA fails at load, saying how to get it.</summary>
public sealed class ExecutionProviderTests
{
    [Fact]
    public void Loading_with_the_cuda_provider_on_the_cpu_build_fails_at_load_saying_to_build_with_the_gpu_package()
    {
        var e = Assert.Throws<ExecutionProviderUnavailableException>(() =>
            OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Plain), new OnnxModelOptions(ExecutionProvider: OnnxExecutionProvider.Cuda)));

        Assert.Equal(OnnxExecutionProvider.Cuda, e.Provider);
        Assert.Contains("CUDA execution provider is not available", e.Message, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeGpu=true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cpu_provider_with_one_thread_scores_as_the_default_session_does()
    {
        using var single = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached), new OnnxModelOptions(Threads: 1, ExecutionProvider: OnnxExecutionProvider.Cpu));
        using var standard = OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        int[] ids = [.. single.Tokenizer.Encode("France -> Paris\nItaly ->")];

        var a = single.Score([ids])[0].Tokens;
        var b = standard.Score([ids])[0].Tokens;

        Assert.Equal(b.Count, a.Count);
        for (var t = 1; t < a.Count; t++)
        {
            Assert.Equal(b[t].Logprob!.Value, a[t].Logprob!.Value, 1e-6);
        }
    }
}
