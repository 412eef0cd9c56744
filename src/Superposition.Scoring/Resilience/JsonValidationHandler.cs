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

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!JsonDocument.TryParseValue(ref reader, out var document) || reader.BytesConsumed != body.Length && !OnlyWhitespaceAfter(body, (int)reader.BytesConsumed))
            {
                throw new JsonException("trailing content after the JSON value");
            }

            document.Dispose();
        }
        catch (JsonException e)
        {
            response.Dispose();
            throw new MalformedResponseException($"HTTP {(int)response.StatusCode} answer of {body.Length} bytes is not valid JSON ({e.Message.Split('.')[0]}).", e);
        }

        // The body was consumed; hand the caller a buffered copy with the same headers.
        var content = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        return response;
    }

    private static bool OnlyWhitespaceAfter(byte[] body, int from)
    {
        for (var i = from; i < body.Length; i++)
        {
            if (body[i] is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }
}
