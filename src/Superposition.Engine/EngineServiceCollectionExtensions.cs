using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Superposition.Engine.Aggregation;
using Superposition.Engine.Failures;
using Superposition.Engine.Nightly;
using Superposition.Engine.Running;
using Superposition.Engine.Validation;
using Superposition.Engine.Work;
using Superposition.LocalModels;
using Superposition.Reports;
using Superposition.Scoring;
using Superposition.Scoring.Models;
using Superposition.Storage.Experiments;

namespace Superposition.Engine;

/// <summary>
/// The engine as both shells run it, registered once so that they cannot drift: scoring with the in-process models
/// (reference and ONNX, trained models included), the worker step, failure records, aggregation with its report page,
/// the in-process runner, and the engine's checks of a spec (<see cref="ExperimentValidator"/>). What differs per
/// shell stays in the shell: the result store (an <c>ExperimentStore</c>), queues and their launcher and planner,
/// logging, and a <see cref="TimeProvider"/> (the system clock unless one is registered).
/// </summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>Result documents downloaded ahead while aggregating (docs/functions.md, "Settings"; default 32).</summary>
    public const string AggregationPrefetchSetting = "Superposition:Storage:AggregationPrefetch";

    /// <summary>Registers the engine's services from <paramref name="configuration"/>; the shell adds its <c>ExperimentStore</c>.</summary>
    public static IServiceCollection AddSuperpositionEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSuperpositionScoring(configuration).AddReferenceModels().AddOnnxModels(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExperimentCheck, TrainedModelCheck>());
        services.TryAddSingleton<ExperimentValidator>();
        services.TryAddSingleton<WorkItemScorer>();
        services.TryAddSingleton<FailureRecorder>();
        services.TryAddSingleton(sp => new ExperimentAggregator(sp.GetRequiredService<ExperimentStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ExperimentAggregator>>())
        {
            Prefetch = configuration.GetValue(AggregationPrefetchSetting, 32),
            ParameterCount = sp.GetRequiredService<ModelCatalog>().ParameterCount,
            RenderReport = summary => ReportWriter.RenderHtml(summary),
            Drift = sp.GetService<NightlyDrift>(),
        });
        services.TryAddSingleton<ExperimentRunner>();
        return services;
    }
}
