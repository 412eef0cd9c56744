namespace Superposition.Scoring.Endpoints;

/// <summary>A well-formed JSON answer whose shape is not what the protocol promises; the message names the field.</summary>
internal sealed class WireFormatException(string message) : Exception(message);
