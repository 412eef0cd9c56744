using Superposition.Prompts;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Summaries;

namespace Superposition.Tests.Summaries;

public sealed class SummaryBuilderTests
{
    private static readonly ExperimentSpec Spec = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", "fig6-numbers.json")) with { Prompts = 20 };

    /// <summary>Results of a synthetic model answering task i with probability mass · D_i^β / Σ D^β.</summary>
    private static IEnumerable<PromptResult> Results(string model, double beta, double mass = 1)
    {
        var generator = new PromptGenerator(Spec.ResolveTasks());
        foreach (var distribution in Spec.ResolveDistributions())
        {
            foreach (var prompt in generator.GenerateMany(distribution, Spec.Examples, Spec.Prompts, Spec.Seed))
            {
                var weights = prompt.Shares.Select(d => Math.Pow(d, beta)).ToArray();
                var candidates = prompt.Candidates
                    .Select((c, i) => new CandidateScore(c.Task, c.Answer, Math.Log(mass * weights[i] / weights.Sum()), Exactness.Exact))
                    .ToList();
                var score = new PromptScore(model, "echo", true, candidates, new ScoringCost(1, 400, 0, 0, 5));
                yield return PromptResult.Create(Spec.Name, prompt, score, DateTimeOffset.UnixEpoch);
            }
        }
    }

    private static ExperimentSummary Summarize(params IEnumerable<PromptResult>[] results)
    {
        var builder = new SummaryBuilder(Spec);
        foreach (var result in results.SelectMany(r => r))
        {
            builder.Add(result);
        }

        return builder.Build(DateTimeOffset.UnixEpoch, m => m == "sharp" ? 3e9 : m == "calibrated" ? 1e9 : null);
    }

    [Fact]
    public void Calibrated_model_scores_KL_zero_and_exponent_one_under_every_distribution()
    {
        var model = Summarize(Results("calibrated", 1)).Models.Single();
        Assert.Equal(["D1", "D2", "D3"], model.Distributions.Select(d => d.Distribution));
        Assert.All(model.Distributions, d =>
        {
            Assert.Equal(20, d.Prompts);
            Assert.Equal(0, d.KlRaw.Mean, 9);
            Assert.Equal(0, d.KlNormalized.Mean, 9);
            Assert.Equal(1, d.ValidMass.Mean, 9);
            Approx.Equal(d.Target, d.MeanProbabilities, 1e-9);
        });
        Assert.True(model.Exponent!.Identifiable);
        Assert.Equal(1, model.Exponent.Beta!.Value, 6);
    }

    [Fact]
    public void Leaky_model_scores_raw_KL_minus_log_mass_and_normalised_KL_zero()
    {
        var d1 = Summarize(Results("leaky", 1, mass: 0.22)).Models.Single().Distributions[0];
        Assert.Equal(-Math.Log(0.22), d1.KlRaw.Mean, 9);
        Assert.Equal(0, d1.KlNormalized.Mean, 9);
        Assert.Equal(0.22, d1.ValidMass.Mean, 9);
        Assert.Equal(-Math.Log(0.22), d1.KlOfMeanRaw, 9);
    }

    [Fact]
    public void Sharp_model_has_exponent_three_and_positive_KL_outside_the_uniform_mixture()
    {
        var model = Summarize(Results("sharp", 3)).Models.Single();
        Assert.Equal(3, model.Exponent!.Beta!.Value, 6);
        Assert.Equal(0, model.Distributions[0].KlNormalized.Mean, 9); // D1: all counts equal, so any β gives uniform
        Assert.True(model.Distributions[1].KlNormalized.Mean > 0.3);
        Assert.InRange(model.Distributions[1].KlNormalized.Mean, model.Distributions[1].KlNormalized.Low, model.Distributions[1].KlNormalized.High);
    }

    [Fact]
    public void Models_are_ordered_by_parameter_count_with_unknown_last()
    {
        var summary = Summarize(Results("sharp", 3), Results("zeta", 1), Results("calibrated", 1));
        Assert.Equal(["calibrated", "sharp", "zeta"], summary.Models.Select(m => m.Model));
        Assert.Equal([1e9, 3e9, null], summary.Models.Select(m => m.ParameterCount));
        Assert.Equal(3 * 3 * 20, summary.Results);
    }

    [Fact]
    public void Costs_add_up_over_prompts() =>
        Assert.Equal(new ScoringCost(20, 8000, 0, 0, 100), Summarize(Results("calibrated", 1)).Models[0].Distributions[0].Cost);

    [Fact]
    public void A_zero_probability_makes_the_KL_infinite_and_is_counted_not_NaN()
    {
        var results = Results("calibrated", 1).Take(3).ToList();
        var zeroed = results[0] with { KlRaw = double.PositiveInfinity, KlNormalized = double.PositiveInfinity };
        var summary = Summarize([zeroed, results[1], results[2]]);
        var d1 = summary.Models[0].Distributions[0];
        Assert.Equal(1, d1.InfinitePrompts);
        Assert.Equal(double.PositiveInfinity, d1.KlRaw.Mean);
        Assert.False(double.IsNaN(d1.KlRaw.Low));
        Assert.Null(summary.Models[0].Exponent); // one distribution only
    }

    [Fact]
    public void Results_of_another_experiment_are_rejected()
    {
        var builder = new SummaryBuilder(Spec);
        var result = Results("calibrated", 1).First() with { Experiment = "other" };
        Assert.Contains("other", Assert.Throws<ArgumentException>(() => builder.Add(result)).Message, StringComparison.Ordinal);
    }
}
