namespace Superposition.Scoring;

internal static class Placeholder;
