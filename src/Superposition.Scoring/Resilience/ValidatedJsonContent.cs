namespace Superposition.Scoring.Resilience;

/// <summary>A body already read and validated: readers of <see cref="Body"/> skip a second buffering copy.</summary>
internal sealed class ValidatedJsonContent(byte[] body) : ByteArrayContent(body)
{
    public byte[] Body { get; } = body;
}
