namespace Superposition.Training;

/// <summary>In-context examples per training sequence: drawn uniformly from [Min, Max], so the model sees many N.</summary>
public sealed record ExampleRange(int Min, int Max);
