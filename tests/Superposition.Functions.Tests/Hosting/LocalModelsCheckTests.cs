using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Superposition.Functions.Hosting;
using Superposition.Scoring.Models;

namespace Superposition.Functions.Tests.Hosting;

/// <summary>The worker loads its configured in-process models when it starts, so a broken folder stops the start once.</summary>
public sealed class LocalModelsCheckTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "superposition-fn-models-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_configured_onnx_folder_whose_tokenizer_cannot_load_stops_the_worker_start_naming_the_model_and_the_file()
    {
        var folder = CopyFixture("broken");
        var tokenizer = Path.Combine(folder, "tokenizer.json");
        var json = JsonNode.Parse(File.ReadAllText(tokenizer))!;
        json["model"]!["type"] = "WordPiece";
        File.WriteAllText(tokenizer, json.ToJsonString());
        await using var services = Services(new() { ["Superposition:Models:broken:Kind"] = "onnx", ["Superposition:Models:broken:Path"] = folder });

        var e = await Assert.ThrowsAsync<ModelConfigurationException>(() => Check(services).StartAsync(CancellationToken.None));

        Assert.Contains("Model 'broken'", e.Message, StringComparison.Ordinal);
        Assert.Contains(tokenizer, e.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported tokenizer model 'WordPiece'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_onnx_folder_that_loads_lets_the_worker_start_and_remote_models_are_not_contacted()
    {
        var folder = CopyFixture("good");
        await using var services = Services(new()
        {
            ["Superposition:Models:good:Kind"] = "onnx",
            ["Superposition:Models:good:Path"] = folder,
            ["Superposition:Models:remote:Kind"] = "vllm",
            ["Superposition:Models:remote:BaseUrl"] = "http://127.0.0.1:9/v1",
        });

        await Check(services).StartAsync(CancellationToken.None);

        Assert.Null(services.GetRequiredService<ModelCatalog>().Problem("good"));
    }

    [Fact]
    public async Task A_model_registered_under_an_Azure_valid_key_with_a_hyphenated_name_is_loaded_and_served_by_that_name()
    {
        var folder = CopyFixture("named");
        await using var services = Services(new()
        {
            ["Superposition:Models:tinygpt2:Name"] = "tiny-gpt2",
            ["Superposition:Models:tinygpt2:Kind"] = "onnx",
            ["Superposition:Models:tinygpt2:Path"] = folder,
        });

        await Check(services).StartAsync(CancellationToken.None);

        var catalog = services.GetRequiredService<ModelCatalog>();
        Assert.Null(catalog.Problem("tiny-gpt2"));
        Assert.Equal("onnx", catalog.Resolve("tiny-gpt2").Provider);
        Assert.Contains("Unknown model 'tinygpt2'", catalog.Problem("tinygpt2"), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static LocalModelsCheck Check(ServiceProvider services) => services.GetServices<IHostedService>().OfType<LocalModelsCheck>().Single();

    // The app's own registration; the storage connection is never opened by the check.
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings[Settings.StorageConnection] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSuperpositionFunctions(configuration);
        return services.BuildServiceProvider();
    }

    private string CopyFixture(string name)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "fixtures", "onnx", "gpt2-tiny-kv");
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
