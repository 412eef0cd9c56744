using System.Text.Json;

namespace Superposition.Scoring.Resilience;

/// <summary>
/// Innermost handler: reads every successful body inside the attempt (so the attempt timeout also covers a body
/// that never finishes) and rejects one that is not valid JSON with <see cref="MalformedResponseException"/>,
/// which the retry strategy handles. A malformed 200 therefore never reaches a parser, let alone a number.
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

        if (Problem(body) is { } problem)
        {
            response.Dispose();
            throw new MalformedResponseException($"HTTP {(int)response.StatusCode} answer of {body.Length} bytes is not valid JSON ({problem}).");
        }

        // The body was consumed; hand the caller the validated bytes with the same headers.
        var content = new ValidatedJsonContent(body);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        return response;
    }

    /// <summary>Why a body is not exactly one JSON value (null when it is): a forward-only pass, no document built.</summary>
    internal static string? Problem(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            reader.Skip();
            return reader.Read() ? "trailing content after the JSON value" : null;
        }
        catch (JsonException e)
        {
            return e.Message.Split('.')[0];
        }
    }
}
