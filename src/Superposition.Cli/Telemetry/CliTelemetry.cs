using System.CommandLine;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Superposition.Scoring.Telemetry;

namespace Superposition.Cli.Telemetry;

/// <summary>
/// <c>--telemetry console|otlp</c> on the commands that score: wires the OpenTelemetry SDK over the scorer's
/// <see cref="ScoringTelemetry"/> source and meter for the command's lifetime. console writes spans as they end and
/// metrics when the command finishes to standard error (standard output stays the command's, e.g. <c>--json</c>);
/// otlp sends both to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the SDK's standard variables, default localhost:4317, gRPC).
/// Without the option nothing listens, and instrumentation costs a null check.
/// </summary>
internal static class CliTelemetry
{
    public const string OptionName = "--telemetry";

    /// <summary>The commands that score, which take the option.</summary>
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal) { "score", "run", "demo", "findings" };

    public static Option<string?> CreateOption() => new(OptionName)
    {
        Description = "Send scoring telemetry (a span per scored item; prompts scored, model call latency, retries by reason, tokens, cost): "
            + "console (standard error) or otlp (to OTEL_EXPORTER_OTLP_ENDPOINT). Default: none.",
    };

    /// <summary>Starts the SDK for <paramref name="target"/> (null or none: nothing); dispose at the end of the command to flush.</summary>
    public static IDisposable? Start(string? target, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        if (target is null or "none")
        {
            return null;
        }

        if (target is not ("console" or "otlp"))
        {
            throw new CliInputException($"{OptionName}: '{target}' is not a telemetry target; expected console or otlp");
        }

        var resource = ResourceBuilder.CreateDefault().AddService("superposition-cli");
        var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(ScoringTelemetry.Name);
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(ScoringTelemetry.Name);
        if (target == "console")
        {
            tracing.AddProcessor(new SimpleActivityExportProcessor(new TextSpanExporter(stderr)));

            // One export when the command ends (dispose collects a last time); a long run also prints every minute.
            metrics.AddReader(new PeriodicExportingMetricReader(new TextMetricExporter(stderr), 60_000) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative });
        }
        else
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }

        return new Providers(tracing.Build(), metrics.Build());
    }

    private sealed class Providers(TracerProvider? tracer, MeterProvider? meter) : IDisposable
    {
        public void Dispose()
        {
            tracer?.Dispose();
            meter?.Dispose();
        }
    }
}
