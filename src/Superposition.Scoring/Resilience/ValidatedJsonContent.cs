using System.Net;
using System.Text.Json;

namespace Superposition.Scoring.Resilience;

/// <summary>
/// A successful body already read and parsed by <see cref="JsonValidationHandler"/>: the client reads
/// <see cref="Document"/> instead of buffering and parsing the bytes again; a reader of the content (the OpenAI
/// SDK) gets the document written out. Disposing the content (with its response) returns the document's pooled
/// memory.
/// </summary>
internal sealed class ValidatedJsonContent(JsonDocument document) : HttpContent
{
    public JsonDocument Document { get; } = document;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await using var writer = new Utf8JsonWriter(stream);
        Document.WriteTo(writer);
        await writer.FlushAsync();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Document.Dispose();
        }

        base.Dispose(disposing);
    }
}
