using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Superposition.Functions.Hosting;
using Superposition.Scoring.Models;

namespace Superposition.Infrastructure.Tests;

/// <summary>
/// The template's model settings, as the deployed app reads them: the registry they make resolves every model by its
/// name (a key Azure accepts, the name with its hyphens in the Name field), and the worker's start-up check loads the
/// in-process one.
/// </summary>
[Trait(Needs.Trait, Needs.Bicep)]
public sealed class RegistryTests
{
    [Fact]
    public async Task The_templates_model_settings_make_a_registry_the_app_resolves_by_the_models_names_and_starts_with()
    {
        // App settings are environment variables in Azure: "__" is the configuration's ":".
        var settings = Template.ParameterSettings(withOpenAiKey: true)
            .Where(s => s.Key.StartsWith("Superposition__Models__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value);
        settings[Settings.StorageConnection] = "UseDevelopmentStorage=true"; // never opened here
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddSuperpositionFunctions(configuration);
        await using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<ModelCatalog>();

        await provider.GetServices<IHostedService>().OfType<LocalModelsCheck>().Single().StartAsync(CancellationToken.None);

        var reference = catalog.Resolve("reference-calibrated");
        var hosted = catalog.Resolve("gpt-4o-mini");
        Assert.Equal(("reference", ModelKind.Suite), (reference.Provider, reference.Kind));
        Assert.Equal((ModelKind.OpenAI, "gpt-4o-mini", "OPENAI_API_KEY"), (hosted.Kind, hosted.RemoteModel, hosted.ApiKeySetting));
        Assert.Equal(["gpt-4o-mini", "reference-calibrated"], ModelRegistry.Entries(configuration).Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(ModelRegistry.Entries(configuration), e => Assert.True(ModelRegistry.IsAzureSettingKey(e.Key), e.Key));
    }
}
