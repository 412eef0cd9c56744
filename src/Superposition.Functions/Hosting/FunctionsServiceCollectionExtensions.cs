using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Superposition.Engine;
using Superposition.Engine.Nightly;
using Superposition.Engine.Planning;
using Superposition.Engine.Validation;
using Superposition.Functions.Http;
using Superposition.Scoring.Models;
using Superposition.Storage.Connections;
using Superposition.Storage.Experiments;
using Superposition.Storage.Messages;
using Superposition.Storage.Stores;

namespace Superposition.Functions.Hosting;

/// <summary>
/// Everything the functions need, registered from configuration (docs/functions.md, "Settings"): the engine as the CLI runs it
/// (<see cref="EngineServiceCollectionExtensions.AddSuperpositionEngine"/>), and what only this app has: Blob storage,
/// the queues with their launcher and planner, the HTTP limits, and the start-up load of in-process models.
/// </summary>
public static class FunctionsServiceCollectionExtensions
{
    public static IServiceCollection AddSuperpositionFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName);

        // One storage connection for blobs and queues, read as the host reads the triggers' Connection (a connection
        // string, or blobServiceUri/queueServiceUri and a credential); base64 messages, as host.json tells the host to expect.
        services.AddStorageConnection(configuration, Settings.StorageConnection);

        services.AddSingleton<IResultStore>(sp =>
            new BlobResultStore(sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Container)));
        services.AddSingleton(sp => new ExperimentStore(sp.GetRequiredService<IResultStore>()));
        services.AddSingleton(sp => ExperimentQueues.Create(
            sp.GetRequiredService<QueueServiceClient>(),
            configuration[Settings.PlanQueue] is { Length: > 0 } plan ? plan : Settings.DefaultPlanQueue,
            configuration[Settings.WorkQueue] is { Length: > 0 } work ? work : Settings.DefaultWorkQueue));
        services.AddSuperpositionEngine(configuration);
        services.AddSuperpositionNightly();
        services.AddSingleton<ExperimentLauncher>();
        services.AddSingleton(sp => new ExperimentPlanner(sp.GetRequiredService<ExperimentStore>(), sp.GetRequiredService<ExperimentQueues>(), sp.GetRequiredService<ILogger<ExperimentPlanner>>())
        {
            BatchSize = sp.GetRequiredService<IOptions<StorageOptions>>().Value.PlanBatchSize,
        });
        services.AddSingleton(sp => new SpecRequestValidator(sp.GetRequiredService<IOptions<LimitsOptions>>(), sp.GetRequiredService<ModelCatalog>().Problem, sp.GetRequiredService<ExperimentValidator>()));
        services.AddHostedService<LocalModelsCheck>();
        services.AddSuperpositionTelemetry(configuration);
        return services;
    }
}
