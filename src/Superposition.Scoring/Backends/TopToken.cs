namespace Superposition.Scoring.Backends;

/// <summary>
/// One alternative in a top-k list: the token's text (or "token_id:&lt;id&gt;"), its served log-probability, and its
/// bytes and id where the backend knows them (<see cref="Id"/>: a server that names tokens by id, or a model in
/// this process).
/// </summary>
public sealed record TopToken(string Token, double Logprob, byte[]? Bytes, int? Id);
