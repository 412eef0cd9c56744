using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Superposition.Scoring.Models;

namespace Superposition.Functions.Hosting;

/// <summary>
/// Loads every configured model that runs in the worker (Kind onnx and the other in-process providers) when the worker
/// starts, so that a model folder that cannot load stops the start with one error naming the model, the file and the
/// problem, instead of failing each queue item that reaches it.
/// </summary>
public sealed partial class LocalModelsCheck(ModelCatalog catalog, IConfiguration configuration, ILogger<LocalModelsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = configuration.GetSection(ModelCatalog.SectionName).GetChildren().Select(c => c.Key);
        foreach (var name in configured)
        {
            var model = catalog.Resolve(name);
            if (catalog.ProviderOf(model) is null)
            {
                continue;
            }

            catalog.Load(name);
            LogLoaded(logger, name, model.Provider!);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded in-process model {Model} ({Provider}) at start")]
    private static partial void LogLoaded(ILogger logger, string model, string provider);
}
