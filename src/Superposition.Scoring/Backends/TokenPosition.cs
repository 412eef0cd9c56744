namespace Superposition.Scoring.Backends;

/// <summary>
/// One token position as a backend reports it: the token (its text, or "token_id:&lt;id&gt;" where the server names
/// tokens by id), its served log-probability (null at prompt position 0; −9999 or below is probability 0), its
/// bytes and id where known, the top-k list there, and its character offset in the prompt where echoed as text.
/// </summary>
public readonly record struct TokenPosition(string Token, double? Logprob, byte[]? Bytes, int? Id, IReadOnlyList<TopToken> Top, int? TextOffset);
