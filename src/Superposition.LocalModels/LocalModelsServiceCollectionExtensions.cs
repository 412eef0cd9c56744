using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Superposition.LocalModels.Onnx;
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

    /// <summary>
    /// Registers ONNX models (<see cref="OnnxModelProvider"/>) as a <see cref="IModelProvider"/>: a model configured
    /// with <c>Kind = onnx</c> and <c>Path = &lt;folder&gt;</c> under <paramref name="configuration"/>'s
    /// <c>Superposition:Models:&lt;name&gt;</c> is loaded on first use and served by an in-process protocol server on
    /// loopback, stopped with the service provider.
    /// </summary>
    public static IServiceCollection AddOnnxModels(this IServiceCollection services, IConfiguration configuration, ProtocolServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProvider, OnnxModelProvider>(sp =>
        {
            var settings = options ?? new ProtocolServerOptions();
            return new OnnxModelProvider(configuration, settings with { LoggerFactory = settings.LoggerFactory ?? sp.GetService<ILoggerFactory>() });
        }));
        return services;
    }
}
