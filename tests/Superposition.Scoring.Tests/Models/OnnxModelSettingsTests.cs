using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.LocalModels;
using Superposition.LocalModels.Onnx;
using Superposition.OnnxModel.Inference;
using Superposition.OnnxModel.Tests;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Tests.Models;

/// <summary>The session settings of a configured ONNX model: Threads, ExecutionProvider and DeviceId, each bad value named.</summary>
public sealed class OnnxModelSettingsTests
{
    [Fact]
    public void Threads_execution_provider_device_cache_and_queue_bounds_are_read_from_the_models_own_section()
    {
        var section = Section(new()
        {
            ["Threads"] = "3",
            ["ExecutionProvider"] = "CUDA",
            ["DeviceId"] = "1",
            ["PrefixCacheBytes"] = "1048576",
            ["MaxConcurrentRuns"] = "2",
            ["MaxQueuedRuns"] = "0",
        });

        Assert.True(OnnxModelSettings.TryRead(section, "tiny", out var options, out var error), error);

        Assert.Equal(new OnnxModelOptions("tiny", 3, 1 << 20, 2, 0, OnnxExecutionProvider.Cuda, 1), options);
    }

    [Fact]
    public void Unset_settings_leave_onnx_runtimes_defaults_on_the_cpu()
    {
        Assert.True(OnnxModelSettings.TryRead(Section([]), "tiny", out var options, out _));

        Assert.Equal(new OnnxModelOptions("tiny", null, OnnxModelOptions.DefaultPrefixCacheBytes, 1, OnnxModelOptions.DefaultMaxQueuedRuns, OnnxExecutionProvider.Cpu, 0), options);
    }

    [Theory]
    [InlineData("Threads", "0")]
    [InlineData("Threads", "-2")]
    [InlineData("Threads", "two")]
    [InlineData("ExecutionProvider", "gpu")]
    [InlineData("ExecutionProvider", "1")]
    [InlineData("DeviceId", "-1")]
    [InlineData("PrefixCacheBytes", "-1")]
    [InlineData("MaxConcurrentRuns", "0")]
    [InlineData("MaxQueuedRuns", "many")]
    public async Task A_bad_session_setting_is_a_configuration_error_naming_the_setting_and_its_value(string setting, string value)
    {
        await using var services = Services(new()
        {
            ["Superposition:Models:tiny:Kind"] = "onnx",
            ["Superposition:Models:tiny:Path"] = Fixtures.Folder(Fixtures.Plain),
            [$"Superposition:Models:tiny:{setting}"] = value,
        });
        var catalog = services.GetRequiredService<ModelCatalog>();
        var model = catalog.Resolve("tiny");

        var e = Assert.Throws<ModelConfigurationException>(() => catalog.ProviderOf(model)!.Encode(model, "Italy ->", addSpecialTokens: false));

        Assert.Contains($"Superposition:Models:tiny:{setting} is '{value}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cuda_provider_on_the_cpu_build_is_a_configuration_error_naming_the_setting_and_the_gpu_build()
    {
        await using var services = Services(new()
        {
            ["Superposition:Models:tiny:Kind"] = "onnx",
            ["Superposition:Models:tiny:Path"] = Fixtures.Folder(Fixtures.Plain),
            ["Superposition:Models:tiny:ExecutionProvider"] = "cuda",
        });
        var catalog = services.GetRequiredService<ModelCatalog>();
        var model = catalog.Resolve("tiny");

        var e = Assert.Throws<ModelConfigurationException>(() => catalog.ProviderOf(model)!.Encode(model, "Italy ->", addSpecialTokens: false));

        Assert.Contains("Superposition:Models:tiny:ExecutionProvider 'cuda'", e.Message, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeGpu=true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_with_one_thread_on_the_cpu_provider_loads_and_encodes()
    {
        await using var services = Services(new()
        {
            ["Superposition:Models:tiny:Kind"] = "onnx",
            ["Superposition:Models:tiny:Path"] = Fixtures.Folder(Fixtures.Plain),
            ["Superposition:Models:tiny:Threads"] = "1",
            ["Superposition:Models:tiny:ExecutionProvider"] = "cpu",
        });
        var catalog = services.GetRequiredService<ModelCatalog>();
        var model = catalog.Resolve("tiny");

        Assert.NotEmpty(catalog.ProviderOf(model)!.Encode(model, "Italy ->", addSpecialTokens: false));
    }

    private static IConfigurationSection Section(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(kv => "Superposition:Models:tiny:" + kv.Key, kv => kv.Value)).Build()
            .GetSection("Superposition:Models:tiny");

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSuperpositionScoring(configuration).AddReferenceModels().AddOnnxModels(configuration).BuildServiceProvider();
    }
}
