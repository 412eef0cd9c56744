using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.LocalModels;
using Superposition.LocalModels.Onnx;
using Superposition.LocalModels.Trained;
using Superposition.OnnxModel.Tests;
using Superposition.Scoring.Models;

namespace Superposition.Scoring.Tests.Models;

/// <summary>Models written by superposition train resolve by name, without configuration, with the parameters they recorded.</summary>
public sealed class TrainedModelsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "superposition-trained-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_sweeps_size_resolves_as_sweep_dash_size_with_the_parameter_count_its_training_json_recorded_and_is_served()
    {
        Trained("numbers-sweep/small", parameters: 12345);
        Trained("single-model", parameters: 777);
        await using var services = Services(_root);
        var catalog = services.GetRequiredService<ModelCatalog>();

        Assert.Contains("numbers-sweep-small", catalog.Names);
        Assert.Contains("single-model", catalog.Names);
        var model = catalog.Resolve("numbers-sweep-small");
        Assert.Equal(OnnxModelProvider.KindName, model.Provider);
        Assert.Equal(12345, catalog.ParameterCount("numbers-sweep-small"));
        Assert.Equal(777, catalog.ParameterCount("single-model"));

        // Served: the provider's tokenizer is the folder's own (the fixture's BPE), reached through the name alone.
        using var direct = Superposition.OnnxModel.Inference.OnnxLanguageModel.Load(Fixtures.Folder(Fixtures.Cached));
        Assert.Equal(direct.Tokenizer.Encode("Italy ->"), catalog.ProviderOf(model)!.Encode(model, "Italy ->", addSpecialTokens: false));
    }

    [Fact]
    public async Task A_configured_parameter_count_overrides_the_recorded_one_and_unknown_names_still_list_the_trained_models()
    {
        Trained("sweep/a", parameters: 10);
        await using var services = Services(_root, new() { ["Superposition:Models:sweep-a:ParameterCount"] = "99" });
        var catalog = services.GetRequiredService<ModelCatalog>();

        Assert.Equal(99, catalog.ParameterCount("sweep-a"));
        var e = Assert.Throws<ModelConfigurationException>(() => catalog.Resolve("sweep-b"));
        Assert.Contains("sweep-a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_without_an_onnx_model_are_not_trained_models_and_a_missing_root_holds_none()
    {
        Directory.CreateDirectory(Path.Combine(_root, "notes", "draft"));
        File.WriteAllText(Path.Combine(_root, "notes", "draft", TrainedModel.TrainingFile), "{\"parameters\": 1, \"non_embedding_parameters\": 0}");

        Assert.Empty(TrainedModelDirectory.Scan(_root).Models);
        Assert.Empty(TrainedModelDirectory.Scan(Path.Combine(_root, "absent")).Models);
    }

    [Fact]
    public void A_training_json_without_its_parameter_counts_fails_naming_the_file_and_what_it_needs()
    {
        var folder = Trained("sweep/broken", parameters: 1);
        File.WriteAllText(Path.Combine(folder, TrainedModel.TrainingFile), "{\"steps\": 3}");

        var e = Assert.Throws<InvalidDataException>(() => TrainedModelDirectory.Scan(_root));

        Assert.Contains(Path.Combine(folder, TrainedModel.TrainingFile), e.Message, StringComparison.Ordinal);
        Assert.Contains("\"parameters\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_folders_that_give_one_name_are_refused_naming_both()
    {
        Trained("a-b/c", parameters: 1);
        Trained("a/b-c", parameters: 2);

        var e = Assert.Throws<InvalidDataException>(() => TrainedModelDirectory.Scan(_root));

        Assert.Contains("'a-b-c'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A trained-model folder: the ONNX fixture as onnx/ and a training.json with that parameter count.</summary>
    private string Trained(string relative, long parameters)
    {
        var folder = Path.Combine(_root, relative);
        var onnx = Path.Combine(folder, "onnx");
        Directory.CreateDirectory(onnx);
        foreach (var file in Directory.GetFiles(Fixtures.Folder(Fixtures.Cached)))
        {
            File.Copy(file, Path.Combine(onnx, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(folder, TrainedModel.TrainingFile), $"{{\"parameters\": {parameters}, \"non_embedding_parameters\": {parameters / 2}}}");
        return folder;
    }

    private static ServiceProvider Services(string root, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(settings ?? []) { [OnnxModelProvider.TrainedModelsSetting] = root })
            .Build();
        return new ServiceCollection().AddSuperpositionScoring(configuration).AddReferenceModels().AddOnnxModels(configuration).BuildServiceProvider();
    }
}
