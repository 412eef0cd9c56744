using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.ReferenceModel.Model;

namespace Superposition.Scoring.Tests;

/// <summary>Prompts of the Fig. 6 presets, and the reference models' designed probabilities written from their formula.</summary>
internal static class Designed
{
    public static readonly string[] NumberTasks = ["number.identity", "number.negate", "number.increment", "number.decrement", "number.double", "number.square"];

    public static readonly string[] CountryTasks = ["country.capital", "country.continent", "country.uppercase", "country.currency", "country.letters", "country.chinese"];

    public static Prompt Numbers(string distribution = "D2", int index = 0) =>
        PromptGenerator.ForTaskIds(NumberTasks).Generate(PaperDistributions.Get(distribution, 6), 60, seed: 0, index: index);

    public static Prompt Countries(string distribution = "D3", int index = 1) =>
        PromptGenerator.ForTaskIds(CountryTasks).Generate(PaperDistributions.Get(distribution, 6), 60, seed: 0, index: index);

    /// <summary>
    /// P(candidate i) = (1 − ε)·w_i/Σw, w_i = n_i^β·exp(b_i) (α = 0, so tasks absent from the prompt get nothing;
    /// the bias goes to the family's first task, country.capital or number.identity), times (1 − δ) for the "\n".
    /// </summary>
    public static double[] Probabilities(Prompt prompt, string model)
    {
        Assert.True(ReferenceModelParameters.TryResolve(model, out var p, out _));
        var first = prompt.Tasks[0].StartsWith("country.", StringComparison.Ordinal) ? "country.capital" : "number.identity";
        var w = prompt.Counts.Select((n, i) => Math.Pow(n, p.Beta) * Math.Exp(prompt.Tasks[i] == first ? p.FirstTaskBias : 0)).ToArray();
        return [.. w.Select(x => (1 - p.Epsilon) * x / w.Sum() * (1 - p.Delta))];
    }
}
