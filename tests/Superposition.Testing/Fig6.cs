using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.ReferenceModel.Model;

namespace Superposition.Testing;

/// <summary>The Fig. 6 country prompt the tests score, and the designed probabilities written from the formula.</summary>
public static class Fig6
{
    public static readonly string[] CountryTasks =
        ["country.capital", "country.continent", "country.uppercase", "country.currency", "country.letters", "country.chinese"];

    public static Prompt Prompt(string distribution = "D2", int index = 0) =>
        PromptGenerator.ForTaskIds(CountryTasks).Generate(PaperDistributions.Get(distribution, 6), 60, seed: 0, index: index);

    /// <summary>
    /// P(candidate i) = (1 − ε)·w_i/Σw with w_i = (n_i + α)^β·exp(b_i), computed from the generator's own counts.
    /// The two country tasks outside the prompt (first-letter, language) have n = 0, so with α = 0 they get nothing;
    /// country.capital is the family's first task, which the bias favours.
    /// </summary>
    public static double[] Designed(Prompt prompt, ReferenceModelParameters p)
    {
        var w = prompt.Counts.Select((n, i) => Math.Pow(n + p.Alpha, p.Beta) * Math.Exp(prompt.Tasks[i] == "country.capital" ? p.FirstTaskBias : 0)).ToArray();
        var unseen = p.Alpha > 0 ? 2 * Math.Pow(p.Alpha, p.Beta) : 0;
        var total = w.Sum() + unseen;
        return [.. w.Select(x => (1 - p.Epsilon) * x / total)];
    }
}
