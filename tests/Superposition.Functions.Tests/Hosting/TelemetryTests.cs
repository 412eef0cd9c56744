using System.Diagnostics;
using System.Text.Json;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Superposition.Functions.Hosting;
using Superposition.Scoring.Telemetry;

namespace Superposition.Functions.Tests.Hosting;

/// <summary>Telemetry listeners are process-wide: these tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FunctionsTelemetryCollection
{
    public const string Name = "functions-telemetry";
}

/// <summary>
/// The worker's telemetry wiring, as far as it can be seen without the Functions host: the app's own registration
/// with and without Application Insights' connection string, the identity it ingests as, and host.json's mode.
/// </summary>
[Collection(FunctionsTelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";
    private const string ClientId = "8a1f4b3c-2d5e-4f60-9a7b-0c1d2e3f4a5b";

    [Fact]
    public void With_the_connection_string_the_app_exports_the_scorers_spans_and_metrics_to_azure_monitor_as_the_named_identity()
    {
        var spans = new List<Activity>();
        using var services = Build(new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = ConnectionString,
            [TelemetryServiceCollectionExtensions.AuthenticationSetting] = $"Authorization=AAD;ClientId={ClientId}",
        }, s => s.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(spans)));

        var exporter = services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(ConnectionString, exporter.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(exporter.Credential);
        Assert.Equal(1.0F, exporter.SamplingRatio);
        Assert.Null(exporter.TracesPerSecond);
        Assert.NotNull(services.GetService<MeterProvider>());

        // The provider listens to the scorer's source: a score span started now is exported.
        var tracer = services.GetRequiredService<TracerProvider>();
        using (ScoringTelemetry.Source.StartActivity(ScoringTelemetry.ScoreSpan))
        {
        }

        tracer.ForceFlush();
        Assert.Contains(spans, s => s.Source.Name == ScoringTelemetry.Name && s.DisplayName == ScoringTelemetry.ScoreSpan);
    }

    [Fact]
    public void Without_the_connection_string_no_provider_and_no_exporter_is_registered()
    {
        using var services = Build(new Dictionary<string, string?>());

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
        Assert.Empty(services.GetServices<IConfigureOptions<AzureMonitorExporterOptions>>());
    }

    [Fact]
    public void The_authentication_setting_names_the_system_or_a_user_assigned_identity()
    {
        Assert.Null(ApplicationInsightsAuthentication.Credential(null));
        Assert.Null(ApplicationInsightsAuthentication.Credential(" "));
        Assert.IsType<ManagedIdentityCredential>(ApplicationInsightsAuthentication.Credential("Authorization=AAD"));
        Assert.IsType<ManagedIdentityCredential>(ApplicationInsightsAuthentication.Credential($"Authorization=AAD;ClientId={ClientId}"));
        Assert.IsType<ManagedIdentityCredential>(ApplicationInsightsAuthentication.Credential($" authorization = aad ; clientid = {ClientId} "));
    }

    [Theory]
    [InlineData("Authorization=Key")]
    [InlineData("ClientId=8a1f4b3c-2d5e-4f60-9a7b-0c1d2e3f4a5b")]
    [InlineData("Authorization=AAD;ClientId=not-a-guid")]
    [InlineData("Authorization=AAD;Secret=x")]
    [InlineData("Authorization")]
    public void A_bad_authentication_setting_is_refused_naming_the_setting_and_the_forms(string setting)
    {
        var e = Assert.Throws<InvalidOperationException>(() => ApplicationInsightsAuthentication.Credential(setting));
        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", e.Message, StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD;ClientId=", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_json_puts_the_host_on_opentelemetry_like_the_worker()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "host.json")));
        Assert.Equal("OpenTelemetry", host.RootElement.GetProperty("telemetryMode").GetString());
    }

    // The app's own registration; the storage connection is only named (nothing connects while the container is built).
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        settings[Settings.StorageConnection] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddSuperpositionFunctions(configuration);
        if (settings.ContainsKey(TelemetryServiceCollectionExtensions.ConnectionStringSetting))
        {
            // Ingestion at a closed loopback port fails; nothing is kept on disk for later.
            services.Configure<AzureMonitorExporterOptions>(o => o.DisableOfflineStorage = true);
        }

        more?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
