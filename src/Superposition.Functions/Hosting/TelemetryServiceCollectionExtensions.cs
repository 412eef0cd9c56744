using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.Scoring.Telemetry;

namespace Superposition.Functions.Hosting;

/// <summary>
/// The worker's telemetry (README, "Telemetry"): with <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> set, the
/// OpenTelemetry SDK with the Functions worker's defaults (invocation spans correlated with the host's, which
/// host.json's <c>telemetryMode: OpenTelemetry</c> puts on the same API) and the Azure Monitor exporter for the
/// scorer's spans and metrics (<see cref="ScoringTelemetry"/>) and the worker's logs. Every span is kept (a night's
/// items are thousands, not millions, and each is what judges the night). The exporter authenticates as the
/// managed identity that <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> names (the template disables local auth).
/// Without the connection string nothing is registered: the worker's logs go to the host, as without this.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Application Insights' connection string (standard name: the host reads it too).</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>"Authorization=AAD;ClientId=&lt;client id&gt;": ingestion as that managed identity (standard name: the host reads it too).</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddSuperpositionTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConnectionStringSetting] is not { Length: > 0 } connectionString)
        {
            return services;
        }

        var credential = ApplicationInsightsAuthentication.Credential(configuration[AuthenticationSetting]);
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(ScoringTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(ScoringTelemetry.Name))
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
                options.SamplingRatio = 1.0F;
                options.TracesPerSecond = null;
            });
        return services;
    }
}
