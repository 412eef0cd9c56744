namespace Superposition.Scoring.Backends;

/// <summary>A chat message (role: system, user or assistant).</summary>
public sealed record ChatTurn(string Role, string Content);
