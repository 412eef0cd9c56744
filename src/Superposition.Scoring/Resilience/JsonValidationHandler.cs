using System.Text.Json;

namespace Superposition.Scoring.Resilience;

/// <summary>
/// Innermost handler: reads every successful body inside the attempt (so the attempt timeout also covers a body
/// that never finishes) and rejects one that is not valid JSON with <see cref="MalformedResponseException"/>,
/// which the retry strategy handles. A malformed 200 therefore never reaches a parser, let alone a number. The
/// parsed document travels on in <see cref="ValidatedJsonContent"/>, so a body is parsed once.
/// </summary>
internal sealed class JsonValidationHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AttemptCounter.Current?.Sent();
        var response = await base.SendAsync(request, cancellationToken);
        AttemptCounter.Current?.Answered();
        if (!response.IsSuccessStatusCode)
        {
            return response;
        }

        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception)
        {
            response.Dispose();
            throw;
        }

        var document = TryParse(body, out var problem);
        if (document is null)
        {
            response.Dispose();
            throw new MalformedResponseException($"HTTP {(int)response.StatusCode} answer of {body.Length} bytes is not valid JSON ({problem}).");
        }

        // The body was consumed; hand the caller the parsed document with the bytes and the same headers.
        var content = new ValidatedJsonContent(body, document);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        return response;
    }

    /// <summary>The body as exactly one JSON value, or null and why not (cut short, garbled, followed by more).</summary>
    internal static JsonDocument? TryParse(byte[] body, out string? problem)
    {
        try
        {
            problem = null;
            return JsonDocument.Parse(body.AsMemory());
        }
        catch (JsonException e)
        {
            problem = e.Message.Split('.')[0];
            return null;
        }
    }
}
