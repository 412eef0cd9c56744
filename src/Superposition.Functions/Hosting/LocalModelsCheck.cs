using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Superposition.Scoring.Models;

namespace Superposition.Functions.Hosting;

/// <summary>
/// Loads every configured model that runs in the worker (Kind onnx and the other in-process providers) when the worker
/// starts, so that a model folder that cannot load stops the start with one error naming the model, the file and the
/// problem, instead of failing each queue item that reaches it. A registry key that Azure cannot hold in an app setting
/// name (a hyphen, say: settings from local.settings.json on Windows allow it) is logged as a warning naming the form
/// that deploys, so that a registry tried locally is not found broken only in Azure.
/// </summary>
public sealed partial class LocalModelsCheck(ModelCatalog catalog, IConfiguration configuration, ILogger<LocalModelsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in ModelRegistry.Entries(configuration))
        {
            if (!ModelRegistry.IsAzureSettingKey(entry.Key))
            {
                LogKeyNotDeployable(logger, entry.Key, ModelCatalog.SectionName, ModelRegistry.NameSetting, entry.Name);
            }

            var name = entry.Name;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model registry key {Key} cannot be an Azure app setting name (letters, digits, periods and underscores only); use a key such as {Section}:<key> with the field {NameSetting} = {Model}")]
    private static partial void LogKeyNotDeployable(ILogger logger, string key, string section, string nameSetting, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded in-process model {Model} ({Provider}) at start")]
    private static partial void LogLoaded(ILogger logger, string model, string provider);
}
