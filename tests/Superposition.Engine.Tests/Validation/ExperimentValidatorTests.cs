using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Superposition.Engine.Running;
using Superposition.Engine.Validation;
using Superposition.LocalModels.Onnx;
using Superposition.Specs;
using Superposition.Storage.Experiments;
using Superposition.Storage.Stores;

namespace Superposition.Engine.Tests.Validation;

/// <summary>The engine's checks of a spec, as <see cref="EngineServiceCollectionExtensions.AddSuperpositionEngine"/> registers them for both shells.</summary>
public sealed class ExperimentValidatorTests : IDisposable
{
    private readonly UntaughtTrainedModel _trained = new();
    private readonly string _output = Directory.CreateTempSubdirectory("superposition-validate-").FullName;

    public void Dispose()
    {
        _trained.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    /// <summary>The engine as a shell registers it, with the trained models of <paramref name="trainedRoot"/> and a folder store.</summary>
    private ServiceProvider Engine(string? trainedRoot)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [OnnxModelProvider.TrainedModelsSetting] = trainedRoot })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSuperpositionEngine(configuration);
        services.AddSingleton(new ExperimentStore(new LocalFolderResultStore(_output)));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_trained_model_asked_a_question_it_never_saw_is_refused_at_its_path_naming_the_model_and_the_question()
    {
        await using var engine = Engine(_trained.Root);
        var spec = SpecLoader.Parse(UntaughtTrainedModel.NumbersSpec("reference-calibrated", UntaughtTrainedModel.Name));

        var error = Assert.Single(engine.GetRequiredService<ExperimentValidator>().Validate(spec));

        Assert.Equal("$.models[1]", error.Path);
        Assert.Contains($"model '{UntaughtTrainedModel.Name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"asks {UntaughtTrainedModel.UnseenQuestion} as final question", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_models_and_a_committed_trained_model_asked_what_it_learnt_pass()
    {
        // Without the setting, the trained models are the committed sweeps beside the executable, trained with 5 in the pool.
        await using var engine = Engine(trainedRoot: null);
        var spec = SpecLoader.Parse(UntaughtTrainedModel.NumbersSpec("reference-calibrated", "train-numbers-single-l1-w16"));

        Assert.Empty(engine.GetRequiredService<ExperimentValidator>().Validate(spec));
    }

    [Fact]
    public async Task The_in_process_runner_refuses_such_an_experiment_before_writing_anything()
    {
        await using var engine = Engine(_trained.Root);
        var spec = SpecLoader.Parse(UntaughtTrainedModel.NumbersSpec(UntaughtTrainedModel.Name));

        var refused = await Assert.ThrowsAsync<SpecValidationException>(() =>
            engine.GetRequiredService<ExperimentRunner>().RunAsync("numbers", spec, 1, null, default));

        Assert.Equal("$.models[0]", Assert.Single(refused.Errors).Path);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_output));
    }
}
