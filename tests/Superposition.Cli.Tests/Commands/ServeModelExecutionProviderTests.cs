namespace Superposition.Cli.Tests.Commands;

/// <summary>serve-model's execution provider on the default (CPU) build.</summary>
public sealed class ServeModelExecutionProviderTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "fixtures", "onnx", "gpt2-tiny-kv");

    [Fact]
    public async Task Serve_model_with_the_cuda_provider_on_the_cpu_build_is_bad_input_saying_to_build_with_the_gpu_package() =>
        (await CliRun.Of(["serve-model", "--model", Folder, "--execution-provider", "cuda"])).AssertBadInput("-p:OnnxRuntimeGpu=true");

    [Fact]
    public async Task Serve_model_with_a_negative_device_is_bad_input() =>
        (await CliRun.Of(["serve-model", "--model", Folder, "--device-id", "-1"])).AssertBadInput("--device-id");
}
