using Superposition.Prompts;
using Superposition.Randomness;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Summaries;

namespace Superposition.Domain.Tests.Summaries;

public sealed class SummaryBuilderTests
{
    private static readonly ExperimentSpec Spec = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", "fig6-numbers.json")) with { Prompts = 20 };

    /// <summary>
    /// Results of a synthetic model answering task i with P(answer + "\n") = mass · D_i^β / Σ D^β, times a per-prompt
    /// log-normal factor of sd <paramref name="noise"/>; its prefix-inclusive P is <paramref name="prefixFactor"/>
    /// times that (capped at 1), or absent when the factor is null.
    /// </summary>
    private static IEnumerable<PromptResult> Results(string model, double beta, double mass = 1, double noise = 0, int seed = 0, double? prefixFactor = 1, ExperimentSpec? spec = null)
    {
        spec ??= Spec;
        var random = Seeds.Create(seed, "test", "summary-results", model);
        var generator = new PromptGenerator(spec.ResolveTasks());
        foreach (var distribution in spec.ResolveDistributions())
        {
            foreach (var prompt in generator.GenerateMany(distribution, spec.Examples, spec.Prompts, spec.Seed))
            {
                var weights = prompt.Shares.Select(d => Math.Pow(d, beta)).ToArray();
                var candidates = prompt.Candidates
                    .Select((c, i) =>
                    {
                        var p = Math.Min(1, mass * weights[i] / weights.Sum() * Math.Exp(noise * MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1)));
                        return new CandidateScore(
                            c.Task,
                            c.Answer,
                            AnswerProbability.Exact(Math.Log(p)),
                            prefixFactor is { } f ? AnswerProbability.Exact(Math.Log(Math.Min(1, p * f))) : null);
                    })
                    .ToList();
                var score = new PromptScore(model, "echo", candidates, new ScoringCost(1, 400, 0, 0, 5));
                yield return PromptResult.Create(spec.Name, prompt, score, DateTimeOffset.UnixEpoch);
            }
        }
    }

    private static ExperimentSummary Summarize(params IEnumerable<PromptResult>[] results) => Summarize(Spec, results);

    private static ExperimentSummary Summarize(ExperimentSpec spec, params IEnumerable<PromptResult>[] results)
    {
        var builder = new SummaryBuilder(spec);
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
            Assert.Equal(0, d.Terminated!.KlRaw.Mean, 9);
            Assert.Equal(0, d.Terminated.KlNormalized.Mean, 9);
            Assert.Equal(1, d.Terminated.ValidMass.Mean, 9);
            Approx.Equal(d.Target, d.Terminated.MeanProbabilities, 1e-9);
        });
        Assert.True(model.Exponent!.Identifiable);
        Assert.Equal(1, model.Exponent.Beta!.Value, 6);
    }

    [Fact]
    public void Leaky_model_scores_raw_KL_minus_log_mass_and_normalised_KL_zero()
    {
        var d1 = Summarize(Results("leaky", 1, mass: 0.22)).Models.Single().Distributions[0].Terminated!;
        Assert.Equal(-Math.Log(0.22), d1.KlRaw.Mean, 9);
        Assert.Equal(0, d1.KlNormalized.Mean, 9);
        Assert.Equal(0.22, d1.ValidMass.Mean, 9);
        Assert.Equal(-Math.Log(0.22), d1.KlOfMeanRaw, 9);
    }

    [Fact]
    public void The_prefix_inclusive_measure_is_summarised_beside_the_terminated_one()
    {
        // A prefix-inclusive P twice the terminated one: every prefix KL_raw is lower by ln 2, the KL_norm equal.
        var d2 = Summarize(Results("leaky", 1, mass: 0.22, prefixFactor: 2)).Models.Single().Distributions[1];

        Assert.Equal(-Math.Log(0.22), d2.Terminated!.KlRaw.Mean, 9);
        Assert.Equal(-Math.Log(0.44), d2.Prefix!.KlRaw.Mean, 9);
        Assert.Equal(d2.Terminated.KlNormalized.Mean, d2.Prefix.KlNormalized.Mean, 9);
        Assert.Equal(0.44, d2.Prefix.ValidMass.Mean, 9);
        Assert.Equal(20, d2.Prefix.Prompts);
    }

    [Fact]
    public void Results_without_a_terminated_measure_leave_it_out_of_the_summary()
    {
        var model = Summarize(Results("paper", 2, prefixFactor: 1).Select(r => r with { Terminated = null })).Models.Single();

        Assert.All(model.Distributions, d => Assert.Null(d.Terminated));
        Assert.Null(model.Exponent);
        Assert.Equal(2, model.PrefixExponent!.Beta!.Value, 6);
    }

    [Fact]
    public void Sharp_model_has_exponent_three_and_positive_KL_outside_the_uniform_mixture()
    {
        var model = Summarize(Results("sharp", 3)).Models.Single();
        Assert.Equal(3, model.Exponent!.Beta!.Value, 6);
        Assert.Equal(0, model.Distributions[0].Terminated!.KlNormalized.Mean, 9); // D1: all counts equal, so any β gives uniform
        var d2 = model.Distributions[1].Terminated!;
        Assert.True(d2.KlNormalized.Mean > 0.3);
        Assert.InRange(d2.KlNormalized.Mean, d2.KlNormalized.Low, d2.KlNormalized.High);
    }

    [Fact]
    public void The_beta_interval_comes_from_resampling_prompts_and_has_width_when_prompts_differ()
    {
        var exponent = Summarize(Results("noisy", 1.6, mass: 0.5, noise: 0.5, seed: 3)).Models.Single().Exponent!;

        Assert.Equal(2000, exponent.Resamples + exponent.UnidentifiableResamples);
        Assert.InRange(1.6, exponent.Low!.Value, exponent.High!.Value);
        Assert.InRange(exponent.High!.Value - exponent.Low!.Value, 0.02, 1.0);
    }

    [Fact]
    public void The_beta_interval_measures_prompt_sampling_not_the_distance_from_a_power_law()
    {
        // Every prompt of a distribution gives the same P, but P is not a power law of D: resampling prompts cannot
        // move β (zero width), while the residual says how far from a power law the points lie. An interval that
        // grows with the residual (ordinary least squares) would have width here.
        var results = Results("off-power-law", 1).Select(r =>
        {
            var candidates = r.Candidates.Select((c, i) => c with { Terminated = AnswerProbability.Exact(Math.Log(((r.Target[i] * r.Target[i]) + 0.05) / 1.3)) }).ToList();
            var score = new PromptScore(r.Model, r.Strategy, candidates, r.Cost);
            var prompt = new PromptGenerator(Spec.ResolveTasks()).Generate(Spec.ResolveDistribution(r.Distribution), Spec.Examples, Spec.Seed, r.PromptIndex);
            return PromptResult.Create(Spec.Name, prompt, score, r.ScoredAt);
        });

        var exponent = Summarize(results).Models.Single().Exponent!;

        Assert.True(exponent.PowerLawResidual > 0.01, $"residual {exponent.PowerLawResidual}");
        Assert.Equal(exponent.Low!.Value, exponent.High!.Value, 12);
        Assert.Equal(exponent.Beta!.Value, exponent.Low.Value, 9);
    }

    [Fact]
    public void The_beta_interval_covers_the_true_beta_in_most_of_many_replications()
    {
        // 95% nominal; 30 replications with fixed seeds. Fewer than 24 covering (80%) would be a 4-sigma shortfall.
        var covered = Enumerable.Range(0, 30)
            .Select(seed => Summarize(Results("noisy", 1.6, mass: 0.5, noise: 0.4, seed: seed, prefixFactor: null)).Models.Single().Exponent!)
            .Count(e => e.Low <= 1.6 && 1.6 <= e.High);

        Assert.InRange(covered, 24, 30);
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
        var zeroed = results[0] with { Terminated = results[0].Terminated! with { KlRaw = double.PositiveInfinity, KlNormalized = double.PositiveInfinity } };
        var summary = Summarize([zeroed, results[1], results[2]]);
        var d1 = summary.Models[0].Distributions[0].Terminated!;
        Assert.Equal(1, d1.InfinitePrompts);
        Assert.Equal(double.PositiveInfinity, d1.KlRaw.Mean);
        Assert.False(double.IsNaN(d1.KlRaw.Low));
        Assert.Null(summary.Models[0].Exponent); // one distribution only
    }

    [Fact]
    public void Across_distributions_each_number_is_the_mean_of_the_distributions_means_under_its_own_measure()
    {
        var model = Summarize(Results("noisy", 1.6, mass: 0.3, noise: 0.2, seed: 3, prefixFactor: 1.5)).Models.Single();

        foreach (var (across, measure) in new[] { (model.Across!, Scores.AnswerMeasure.Terminated), (model.PrefixAcross!, Scores.AnswerMeasure.Prefix) })
        {
            var per = model.Distributions.Select(d => d.Of(measure)!).ToList();
            Assert.Equal((3, 60), (across.Distributions, across.Prompts));
            Assert.Equal(per.Average(m => m.KlRaw.Mean), across.KlRaw.Mean, 12);
            Assert.Equal(per.Average(m => m.KlNormalized.Mean), across.KlNormalized.Mean, 12);
            Assert.Equal(per.Average(m => m.ValidMass.Mean), across.ValidMass.Mean, 12);
            Assert.Null(across.PolyaKlRaw);
        }

        // The prefix P is 1.5 times the other (never capped at 1 with mass 0.3): KL_raw lower by ln 1.5.
        Assert.Equal(model.Across!.KlRaw.Mean - Math.Log(1.5), model.PrefixAcross!.KlRaw.Mean, 9);
    }

    [Fact]
    public void Across_distributions_the_interval_of_the_mean_of_three_independent_means_is_narrower_than_each_of_theirs()
    {
        // Averaging three independently resampled means shrinks the spread by about √3 when their spreads are alike;
        // the lowest low to the highest high of the three intervals (what a plot's whisker used to show) is wider still.
        var model = Summarize(Results("noisy", 1, mass: 0.5, noise: 0.5, seed: 4)).Models.Single();
        var across = model.Across!.KlRaw;
        var widths = model.Distributions.Select(d => d.Terminated!.KlRaw.High - d.Terminated.KlRaw.Low).ToList();

        Assert.InRange(across.Mean, across.Low, across.High);
        Assert.InRange(across.High - across.Low, 0.3 * widths.Average(), 0.8 * widths.Average());
    }

    [Fact]
    public void Across_distributions_the_KL_to_Polya_is_averaged_when_the_spec_asks_for_it()
    {
        var spec = Spec with { Polya = new PolyaSpec(1) };
        var model = Summarize(spec, Results("noisy", 1.6, mass: 0.5, noise: 0.5, seed: 3, spec: spec)).Models.Single();

        Assert.Equal(model.Distributions.Average(d => d.Terminated!.Polya!.KlRaw.Mean), model.Across!.PolyaKlRaw!.Mean, 12);
        Assert.Equal(model.Distributions.Average(d => d.Terminated!.Polya!.KlNormalized.Mean), model.Across.PolyaKlNormalized!.Mean, 12);
        Assert.InRange(model.Across.PolyaKlRaw.Mean, model.Across.PolyaKlRaw.Low, model.Across.PolyaKlRaw.High);

        // The KL to D across distributions is the same with or without the comparison: the weights are shared.
        Assert.Equal(Summarize(Results("noisy", 1.6, mass: 0.5, noise: 0.5, seed: 3)).Models.Single().Across!.KlRaw, model.Across.KlRaw);
    }

    [Fact]
    public void With_one_distribution_there_is_nothing_across_distributions()
    {
        var model = Summarize(Spec with { Distributions = [DistributionSpec.Named("D2")] }, Results("calibrated", 1, spec: Spec with { Distributions = [DistributionSpec.Named("D2")] })).Models.Single();

        Assert.Null(model.Across);
        Assert.Null(model.PrefixAcross);
    }

    [Fact]
    public void Results_of_another_experiment_are_rejected()
    {
        var builder = new SummaryBuilder(Spec);
        var result = Results("calibrated", 1).First() with { Experiment = "other" };
        Assert.Contains("other", Assert.Throws<ArgumentException>(() => builder.Add(result)).Message, StringComparison.Ordinal);
    }
}
