using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Superposition.Engine.Nightly;

/// <summary>The nightly budget and drift test, for the shell that runs the nightly timer (the Functions app).</summary>
public static class NightlyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="NightlyOptions"/> from configuration (checked at start: a bad cap or α fails the host naming
    /// the setting) and registers <see cref="NightlyBudget"/> and <see cref="NightlyDrift"/>, which the launcher and
    /// the aggregator then use.
    /// </summary>
    public static IServiceCollection AddSuperpositionNightly(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<NightlyOptions>().BindConfiguration(NightlyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NightlyOptions>, NightlyOptionsValidator>());
        services.TryAddSingleton<NightlyBudget>();
        services.TryAddSingleton<NightlyDrift>();
        return services;
    }
}
