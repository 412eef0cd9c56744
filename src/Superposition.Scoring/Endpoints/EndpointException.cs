using System.Globalization;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// An endpoint call that failed: retries exhausted on a transient cause, or an answer that retrying cannot fix
/// (a bad key, an unknown model, a model that refuses logprobs, a server that ignored echo). The message names
/// the model and the cause; it never holds an API key.
/// </summary>
public sealed class EndpointException : Exception
{
    public EndpointException(string model, string cause, int? statusCode = null, int attempts = 1, bool transient = false, Exception? innerException = null)
        : base(Compose(model, cause, statusCode, attempts), innerException)
    {
        Model = model;
        Cause = cause;
        StatusCode = statusCode;
        Attempts = attempts;
        Transient = transient;
    }

    public EndpointException()
        : this("unknown", "unknown failure")
    {
    }

    public EndpointException(string message)
        : this("unknown", message)
    {
    }

    public EndpointException(string message, Exception innerException)
        : this("unknown", message, innerException: innerException)
    {
    }

    /// <summary>The model name (as configured).</summary>
    public string Model { get; }

    /// <summary>What went wrong, in a sentence.</summary>
    public string Cause { get; }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>Attempts made (retries included).</summary>
    public int Attempts { get; }

    /// <summary>True when the cause was transient (429, 5xx, timeouts, malformed bodies) and retries ran out.</summary>
    public bool Transient { get; }

    private static string Compose(string model, string cause, int? status, int attempts) =>
        string.Create(CultureInfo.InvariantCulture, $"Model '{model}': {cause}{(status is { } s ? $" (HTTP {s}" : " (")}{(status is null ? "" : ", ")}{attempts} attempt{(attempts == 1 ? "" : "s")}).");
}
