using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Superposition.Engine;
using Superposition.Engine.Validation;
using Superposition.LocalModels.Onnx;
using Superposition.Scoring.Models;
using Superposition.Specs;
using Superposition.Storage.Connections;
using Superposition.Storage.Experiments;
using Superposition.Storage.Stores;
using Superposition.Training;

namespace Superposition.Cli.Commands;

/// <summary>
/// The Functions app's engine wired for the command line (<c>run</c>, <c>demo</c>): the same registration
/// (<see cref="EngineServiceCollectionExtensions.AddSuperpositionEngine"/>) from the CLI's configuration
/// (<see cref="Configuration.CliConfiguration"/>; reference models need none), no logs, and a store in a folder or in
/// the Blob storage of a connection named by a setting (<see cref="StorageConnection"/>, as the Functions app).
/// </summary>
internal static class EngineServices
{
    /// <summary>Engine services writing to the folder <paramref name="output"/>.</summary>
    public static ServiceProvider ToFolder(IConfiguration configuration, string output) =>
        Build(configuration, _ => new LocalFolderResultStore(output));

    /// <summary>Engine services writing to <paramref name="container"/> of the storage connection named <paramref name="storageSetting"/>.</summary>
    public static ServiceProvider ToBlobStorage(IConfiguration configuration, string storageSetting, string container)
    {
        if (StorageConnection.Find(configuration, storageSetting) is null)
        {
            throw new CliInputException("--storage: " + StorageConnection.Missing(storageSetting));
        }

        return Build(configuration, sp =>
        {
            try
            {
                return new BlobResultStore(sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(container));
            }
            catch (InvalidOperationException e)
            {
                throw new CliInputException("--storage: " + e.Message);
            }
        }, services => services.AddStorageConnection(configuration, storageSetting));
    }

    /// <summary>
    /// Refuses, before any work starts, an experiment the engine's checks refuse (<see cref="ExperimentValidator"/>, as
    /// POST /api/experiments does: a trained model asked what it never learnt); <paramref name="source"/> names where
    /// the spec came from, and the first problem is the message.
    /// </summary>
    public static void CheckExperiment(IServiceProvider services, ExperimentSpec spec, string source)
    {
        if (services.GetRequiredService<ExperimentValidator>().Validate(spec) is [var problem, ..])
        {
            throw new CliInputException($"{source}: {problem.Message}");
        }
    }

    /// <summary>
    /// Loads each model that runs in this process (ONNX folders, trained models), before any work starts: the first
    /// that cannot load gives its message (the model, the file and the problem), else null.
    /// </summary>
    public static string? LoadProblem(ModelCatalog catalog, IEnumerable<string> models)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var model in models)
        {
            try
            {
                catalog.Load(model);
            }
            catch (ModelConfigurationException e)
            {
                return e.Message;
            }
        }

        return null;
    }

    /// <summary>The records (training.json, evaluation.json) of the built-in trained models whose names <paramref name="include"/> takes.</summary>
    public static IReadOnlyList<TrainedModelRecord> TrainedRecords(IServiceProvider services, Func<string, bool> include) =>
        [.. services.GetServices<IModelProvider>().OfType<OnnxModelProvider>().SelectMany(p => p.Trained.Models)
            .Where(m => include(m.Name))
            .Select(m => m.ReadRecord())];

    private static ServiceProvider Build(IConfiguration configuration, Func<IServiceProvider, IResultStore> store, Action<IServiceCollection>? storage = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSuperpositionEngine(configuration);
        storage?.Invoke(services);
        services.AddSingleton(sp => new ExperimentStore(store(sp)));
        return services.BuildServiceProvider();
    }
}
