using Polly.CircuitBreaker;
using Polly.Timeout;
using Superposition.Scoring.Resilience;

namespace Superposition.Scoring.Endpoints;

/// <summary>
/// Turns what went wrong on the wire (an HTTP status and body, an exception from the pipeline, a body in an
/// unexpected shape) into one <see cref="EndpointException"/> that names the model, the cause and the requests
/// spent, with the API key scrubbed from every text a server may have echoed.
/// </summary>
internal sealed class EndpointFailures(string modelName, string? apiKey)
{
    public EndpointException Status(int status, string body, AttemptCounter counter)
    {
        var message = WireParser.ErrorMessage(body) ?? (body.Length > 200 ? body[..200] + "…" : body);
        var transient = status is 408 or 429 or >= 500;
        var cause = status switch
        {
            401 or 403 => "the server refused the credentials: " + message,
            404 => "the server does not know the model or route: " + message,
            429 => "rate-limited until retries ran out: " + message,
            >= 500 => "server error until retries ran out: " + message,
            _ => "the server rejected the request: " + message,
        };
        return new EndpointException(modelName, Scrub(cause), status, Math.Max(1, counter.SentCount), transient);
    }

    public EndpointException Exception(Exception e, AttemptCounter counter)
    {
        var cause = e switch
        {
            TimeoutRejectedException => "no answer within the attempt timeout until retries ran out",
            MalformedResponseException m => "malformed answers until retries ran out: " + m.Message,
            BrokenCircuitException => "circuit breaker open after repeated failures",
            HttpRequestException h => "connection failed until retries ran out: " + h.Message,
            _ => e.GetType().Name + ": " + e.Message,
        };
        return new EndpointException(modelName, Scrub(cause), null, Math.Max(1, counter.SentCount), true, e);
    }

    public EndpointException Unexpected(Exception e, int requests) =>
        new(modelName, "answered in an unexpected shape: " + Scrub(e.Message), 200, requests, innerException: e);

    // A server may echo what it was sent; the key must never reach a message, a log or a result.
    private string Scrub(string text) =>
        apiKey is { Length: > 0 } key ? text.Replace(key, "***", StringComparison.Ordinal) : text;
}
