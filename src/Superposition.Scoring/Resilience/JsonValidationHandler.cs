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

        JsonDocument? document;
        string? problem;
        try
        {
            // Parsed straight from the network stream into pooled memory (the document returns it when disposed):
            // an echo answer of 100+ KiB read into one array would land on the large object heap every time.
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            (document, problem) = await TryParseAsync(stream, cancellationToken);
        }
        catch (Exception)
        {
            response.Dispose();
            throw;
        }

        if (document is null)
        {
            response.Dispose();
            throw new MalformedResponseException($"HTTP {(int)response.StatusCode} answer is not valid JSON ({problem}).");
        }

        // The body was consumed; hand the caller the parsed document with the same headers (but the length: a
        // reader that asks for bytes gets the document written anew).
        var content = new ValidatedJsonContent(document);
        foreach (var header in response.Content.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content = content;
        return response;
    }

    /// <summary>The body as exactly one JSON value, or null and why not (cut short, garbled, followed by more).</summary>
    internal static async Task<(JsonDocument? Document, string? Problem)> TryParseAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return (await JsonDocument.ParseAsync(body, default, cancellationToken), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message.Split('.')[0]);
        }
    }
}
