using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Models;
using Superposition.Scoring.Planning;
using Superposition.Scoring.Strategies;
using Superposition.Scoring.Telemetry;

namespace Superposition.Scoring;

/// <summary>Registers scoring for dependency injection (the CLI, the Functions worker).</summary>
public static class ScoringServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IPromptScorer"/>, <see cref="ModelCatalog"/> and <see cref="ScoringPlanner"/> as singletons,
    /// models from <c>Superposition:Models</c> and settings from <c>Superposition:Scoring</c> of
    /// <paramref name="configuration"/> (API keys are read from it by each model's ApiKeySetting). Models run
    /// in-process come from registered <see cref="IModelProvider"/>s (the reference models: <c>AddReferenceModels()</c>
    /// in Superposition.LocalModels), which hand the scorer in-process backends (no server) and release their
    /// models when the service provider is disposed. Uses a registered <see cref="TimeProvider"/> and logging when present.
    /// What telemetry may carry comes from <c>Superposition:Telemetry</c> (<see cref="TelemetryOptions"/>).
    /// </summary>
    public static IServiceCollection AddSuperpositionScoring(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.SectionName));
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName))
            .Validate(o => o.MaxPromptCharacters >= 0, $"{TelemetryOptions.SectionName}:MaxPromptCharacters must be 0 (no prompt text in telemetry) or more.");
        services.TryAddSingleton(sp => new ModelCatalog(configuration, sp.GetServices<IModelProvider>()));
        services.TryAddSingleton(sp => new BackendFactory(configuration, sp.GetRequiredService<ModelCatalog>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<StrategySelector>();
        services.TryAddSingleton<ScoringPlanner>();
        services.TryAddSingleton<IPromptScorer>(sp => new PromptScorer(
            sp.GetRequiredService<ModelCatalog>(),
            sp.GetRequiredService<BackendFactory>(),
            sp.GetRequiredService<StrategySelector>(),
            sp.GetRequiredService<IOptions<ScoringOptions>>().Value,
            sp.GetRequiredService<IOptions<TelemetryOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PromptScorer>>() ?? NullLogger<PromptScorer>.Instance));
        return services;
    }
}
