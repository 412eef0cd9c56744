using Superposition.Scoring.Endpoints;

namespace Superposition.Scoring;

/// <summary>
/// A prompt that could not be scored: the record of the failure (model, strategy, attempts, last cause) in
/// place of a score. Never carries an API key.
/// </summary>
public sealed class ScoringFailedException : Exception
{
    public ScoringFailedException(string model, string strategy, int attempts, string cause, Exception? innerException = null)
        : base($"Scoring with model '{model}' by strategy '{strategy}' failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {cause}", innerException)
    {
        Model = model;
        Strategy = strategy;
        Attempts = attempts;
        Cause = cause;
    }

    public ScoringFailedException()
        : this("unknown", "unknown", 0, "unknown")
    {
    }

    public ScoringFailedException(string message)
        : this("unknown", "unknown", 0, message)
    {
    }

    public ScoringFailedException(string message, Exception innerException)
        : this("unknown", "unknown", 0, message, innerException)
    {
    }

    public string Model { get; }

    public string Strategy { get; }

    public int Attempts { get; }

    public string Cause { get; }

    internal static ScoringFailedException From(string model, string strategy, EndpointException e) =>
        new(model, strategy, e.Attempts, e.Cause + (e.StatusCode is { } s ? $" (last HTTP {s})" : string.Empty), e);
}
