using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Superposition.LocalModels.Reference;
using Superposition.ModelServer.Hosting;
using Superposition.Scoring.Models;

namespace Superposition.LocalModels;

/// <summary>Registers the in-process model providers for scoring (after <c>AddSuperpositionScoring</c>).</summary>
public static class LocalModelsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reference models as a <see cref="IModelProvider"/>: their names resolve without configuration,
    /// <c>Kind = reference</c> selects them, and a model without BaseUrl is served by an in-process protocol server
    /// on loopback, started on first use and stopped with the service provider. <paramref name="options"/> sets
    /// that server (faults, limits); its logs go to the registered logging unless the options name a factory.
    /// </summary>
    public static IServiceCollection AddReferenceModels(this IServiceCollection services, ProtocolServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProvider, ReferenceModelProvider>(sp =>
        {
            var settings = options ?? new ProtocolServerOptions();
            return new ReferenceModelProvider(settings with { LoggerFactory = settings.LoggerFactory ?? sp.GetService<ILoggerFactory>() });
        }));
        return services;
    }
}
