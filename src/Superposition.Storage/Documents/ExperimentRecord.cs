namespace Superposition.Storage.Documents;

/// <summary>
/// An experiment as stored (<c>experiments/{id}/experiment.json</c>; its spec is <c>spec.json</c> beside it).
/// </summary>
/// <param name="Version">Document format version.</param>
/// <param name="Id">Experiment id (the spec name, a UTC time stamp and a random suffix).</param>
/// <param name="Name">Spec name.</param>
/// <param name="CreatedAt">When it was accepted (UTC).</param>
/// <param name="Nightly">True when the nightly timer re-runs it.</param>
/// <param name="Parent">For a nightly re-run, the id of the experiment it re-runs; else null.</param>
public sealed record ExperimentRecord(int Version, string Id, string Name, DateTimeOffset CreatedAt, bool Nightly, string? Parent)
{
    public const int CurrentVersion = 1;
}
