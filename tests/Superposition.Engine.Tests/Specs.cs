using Superposition.Specs;

namespace Superposition.Engine.Tests;

/// <summary>Small specs for the engine tests.</summary>
internal static class Specs
{
    /// <summary>3 country tasks, 12 examples, D1 and D2, <paramref name="prompts"/> prompts, two reference models.</summary>
    public static ExperimentSpec Small(int prompts) => SpecLoader.Parse($$"""
        {"version": 1, "name": "small", "kind": "calibration",
         "tasks": ["country.capital", "country.first-letter", "country.language"], "distributions": ["D1", "D2"],
         "examples": 12, "prompts": {{prompts}}, "seed": 0, "models": ["reference-calibrated", "reference-leaky"]}
        """);

    /// <summary>A collapse spec: 3 country tasks from counts 2, 2, 2, <paramref name="runs"/> runs of 4 turns, two models.</summary>
    public static ExperimentSpec Collapse(int runs) => SpecLoader.Parse($$"""
        {"version": 1, "name": "collapse-small", "kind": "collapse", "seed": 1, "models": ["reference-sharp", "reference-leaky"],
         "tasks": ["country.capital", "country.first-letter", "country.language"],
         "collapse": {"initial": {"counts": [2, 2, 2]}, "turns": 4, "runs": {{runs}}} }
        """);
}
