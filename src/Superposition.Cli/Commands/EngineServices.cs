using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Superposition.Engine.Aggregation;
using Superposition.Engine.Failures;
using Superposition.Engine.Running;
using Superposition.Engine.Work;
using Superposition.LocalModels;
using Superposition.LocalModels.Onnx;
using Superposition.Reports;
using Superposition.Scoring;
using Superposition.Scoring.Models;
using Superposition.Specs;
using Superposition.Storage.Connections;
using Superposition.Storage.Experiments;
using Superposition.Storage.Stores;

namespace Superposition.Cli.Commands;

/// <summary>
/// The Functions app's engine wired for the command line (<c>run</c>, <c>demo</c>): scoring from the CLI's
/// configuration (<see cref="Configuration.CliConfiguration"/>; reference models need none), and a store in a folder
/// or in the Blob storage of a connection named by a setting (<see cref="StorageConnection"/>, as the Functions app).
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
    /// Refuses an experiment that asks a trained model what it never learnt (<see cref="OnnxModelProvider.EvaluationProblem"/>),
    /// before any work starts; <paramref name="source"/> names where the spec came from.
    /// </summary>
    public static void CheckTrainedModels(IServiceProvider services, ExperimentSpec spec, string source)
    {
        foreach (var onnx in services.GetServices<IModelProvider>().OfType<OnnxModelProvider>())
        {
            if (onnx.EvaluationProblem(spec) is { } problem)
            {
                throw new CliInputException($"{source}: {problem}");
            }
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

    private static ServiceProvider Build(IConfiguration configuration, Func<IServiceProvider, IResultStore> store, Action<IServiceCollection>? storage = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSuperpositionScoring(configuration).AddReferenceModels().AddOnnxModels(configuration);
        storage?.Invoke(services);
        services.AddSingleton(sp => new ExperimentStore(store(sp)));
        services.AddSingleton<WorkItemScorer>();
        services.AddSingleton<FailureRecorder>();
        services.AddSingleton(sp => new ExperimentAggregator(sp.GetRequiredService<ExperimentStore>(), sp.GetRequiredService<TimeProvider>(), NullLogger<ExperimentAggregator>.Instance)
        {
            ParameterCount = sp.GetRequiredService<ModelCatalog>().ParameterCount,
            RenderReport = summary => ReportWriter.RenderHtml(summary),
        });
        services.AddSingleton<ExperimentRunner>();
        return services.BuildServiceProvider();
    }
}
