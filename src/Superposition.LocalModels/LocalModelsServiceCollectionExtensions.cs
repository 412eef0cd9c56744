using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Superposition.LocalModels.Onnx;
using Superposition.LocalModels.Reference;
using Superposition.Scoring.Models;

namespace Superposition.LocalModels;

/// <summary>Registers the in-process model providers for scoring (after <c>AddSuperpositionScoring</c>).</summary>
public static class LocalModelsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reference models as a <see cref="IModelProvider"/>: their names resolve without configuration,
    /// <c>Kind = reference</c> selects them, and a model without BaseUrl is scored in this process (no server),
    /// its vocabulary loaded on first use.
    /// </summary>
    public static IServiceCollection AddReferenceModels(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProvider, ReferenceModelProvider>(_ => new ReferenceModelProvider()));
        return services;
    }

    /// <summary>
    /// Registers ONNX models (<see cref="OnnxModelProvider"/>) as a <see cref="IModelProvider"/>: a model configured
    /// with <c>Kind = onnx</c> and <c>Path = &lt;folder&gt;</c> under <paramref name="configuration"/>'s
    /// <c>Superposition:Models:&lt;name&gt;</c> (and each trained model) is loaded on first use and scored in this
    /// process (no server); its session is released with the service provider.
    /// </summary>
    public static IServiceCollection AddOnnxModels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelProvider, OnnxModelProvider>(_ => new OnnxModelProvider(configuration)));
        return services;
    }
}
