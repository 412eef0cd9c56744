namespace Superposition.Scoring.Backends;

/// <summary>A backend's answer with what it cost (strategies add the cost to the prompt's meter).</summary>
public sealed record BackendReply<T>(T Value, BackendUsage Usage);
