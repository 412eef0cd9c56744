namespace Superposition.Metrics;

/// <summary>A distribution of a named shape whose KL from the target equals a given value.</summary>
/// <param name="Shape">Shape id: <c>sparse</c>, <c>spike</c>, <c>one-near-zero</c> or <c>geometric</c>.</param>
/// <param name="Description">What the shape does, for a reader.</param>
/// <param name="Probabilities">The distribution (sums to 1).</param>
/// <param name="Kl">Its KL(D || P), equal to the requested value to solver precision.</param>
public sealed record EqualKlExample(string Shape, string Description, IReadOnlyList<double> Probabilities, double Kl);
