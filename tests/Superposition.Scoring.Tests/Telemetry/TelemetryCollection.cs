namespace Superposition.Scoring.Tests.Telemetry;

/// <summary>Telemetry listeners are process-wide: these tests run alone, so a capture holds only their own items.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
