namespace Superposition.Scoring.Resilience;

/// <summary>A 2xx answer whose body is not valid JSON (cut short, garbled): retried, and never read as a number.</summary>
public sealed class MalformedResponseException : Exception
{
    public MalformedResponseException(string message)
        : base(message)
    {
    }

    public MalformedResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MalformedResponseException()
    {
    }
}
