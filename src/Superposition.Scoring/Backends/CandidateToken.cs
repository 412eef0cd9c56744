namespace Superposition.Scoring.Backends;

/// <summary>
/// A token of a candidate answer: its id in the model's vocabulary and, where a local tokeniser knows them, its
/// bytes and its display string (null when the bytes are not valid UTF-8 alone: a partial character, which
/// servers write as "bytes:\xNN" and which can then only be matched by id or bytes).
/// </summary>
public sealed record CandidateToken(int Id, byte[]? Bytes, string? Display)
{
    /// <summary>
    /// Whether a listed alternative is this token: by id when the server names ids, else by bytes, else by display
    /// string. Null when it cannot be told (the alternative might or might not be this token).
    /// </summary>
    public bool? Matches(TopToken entry)
    {
        if (entry.Id is { } id)
        {
            return id == Id;
        }

        if (entry.Bytes is { } bytes && Bytes is { } mine)
        {
            return bytes.AsSpan().SequenceEqual(mine);
        }

        if (Display is { } display && Identifiable(entry.Token))
        {
            return string.Equals(entry.Token, display, StringComparison.Ordinal);
        }

        return null;
    }

    /// <summary>Whether a token string names one token unambiguously (not a partial character).</summary>
    public static bool Identifiable(string token) =>
        !token.StartsWith("bytes:", StringComparison.Ordinal) && !token.Contains('\uFFFD', StringComparison.Ordinal);
}
