namespace Superposition.Nightly;

/// <summary>A run a nightly run is compared with, and which one it is.</summary>
/// <param name="Kind"><see cref="Previous"/> or <see cref="First"/>.</param>
/// <param name="Measures">Its prompt measures.</param>
public sealed record DriftBaseline(string Kind, RunMeasures Measures)
{
    /// <summary>The last complete run before this one, when it is not the original experiment.</summary>
    public const string Previous = "previous";

    /// <summary>The original experiment (the first run of the nightly series).</summary>
    public const string First = "first";
}
