using System.Text.Json;

namespace Superposition.Scoring.Resilience;

/// <summary>
/// A successful body already read and parsed by <see cref="JsonValidationHandler"/>: the client reads
/// <see cref="Document"/> instead of buffering and parsing the bytes again. Disposing the content (with its
/// response) returns the document's pooled memory.
/// </summary>
internal sealed class ValidatedJsonContent(byte[] body, JsonDocument document) : ByteArrayContent(body)
{
    public JsonDocument Document { get; } = document;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Document.Dispose();
        }

        base.Dispose(disposing);
    }
}
