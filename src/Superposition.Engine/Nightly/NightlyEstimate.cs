namespace Superposition.Engine.Nightly;

/// <summary>What one nightly run is expected to spend, by the planner (<see cref="NightlyBudget.Estimate"/>).</summary>
/// <param name="Tokens">Prompt + completion tokens, every model together.</param>
/// <param name="Cost">Price in the models' currency; models without prices count 0.</param>
/// <param name="UnpricedModels">Models without prices.</param>
public sealed record NightlyEstimate(long Tokens, double Cost, IReadOnlyList<string> UnpricedModels);
