using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Superposition.LocalModels;
using Superposition.Reports;
using Superposition.Scoring;
using Superposition.Scoring.Models;
using Superposition.Storage.Experiments;
using Superposition.Storage.Stores;

namespace Superposition.Cli.Commands;

/// <summary>
/// The Functions app's engine wired for the command line (<c>run</c>, <c>demo</c>): scoring from configuration
/// (environment variables Superposition__Models__...; reference models need none), and a store in a folder or Blob
/// storage.
/// </summary>
internal static class EngineServices
{
    public static ServiceProvider Build(string? output, string? storage, string container)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSuperpositionScoring(configuration).AddReferenceModels();
        services.AddSingleton(_ => new ExperimentStore(OpenStore(output, storage, container)));
        services.AddSingleton<WorkItemScorer>();
        services.AddSingleton<FailureRecorder>();
        services.AddSingleton(sp => new ExperimentAggregator(sp.GetRequiredService<ExperimentStore>(), sp.GetRequiredService<TimeProvider>(), NullLogger<ExperimentAggregator>.Instance)
        {
            ParameterCount = model => ParameterCount(sp.GetRequiredService<ModelCatalog>(), model),
            RenderReport = summary => ReportWriter.RenderHtml(summary),
        });
        services.AddSingleton<ExperimentRunner>();
        return services.BuildServiceProvider();
    }

    private static double? ParameterCount(ModelCatalog catalog, string model)
    {
        try
        {
            return catalog.Resolve(model).ParameterCount;
        }
        catch (ModelConfigurationException)
        {
            // Results of a model no longer configured still aggregate, unordered by size.
            return null;
        }
    }

    private static IResultStore OpenStore(string? output, string? storage, string container)
    {
        if (storage is null)
        {
            return new LocalFolderResultStore(output ?? "out");
        }

        try
        {
            return new BlobResultStore(new BlobContainerClient(storage, container));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // The connection string may hold an account key: name the problem, never echo the value.
            throw new CliInputException($"--storage is not an Azure Storage connection string ({e.GetType().Name})");
        }
    }
}
