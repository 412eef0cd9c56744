using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Summaries;

namespace Superposition.Domain.Tests.Summaries;

public sealed class PolyaSummaryTests
{
    private static readonly ExperimentSpec Spec = new()
    {
        Name = "polya-test",
        Tasks = ["country.capital", "country.first-letter"],
        Distributions = [DistributionSpec.Named("D1")],
        Examples = 4,
        Prompts = 2,
        Models = ["m"],
        Polya = new PolyaSpec(1),
    };

    /// <summary>A result with these example counts and these P(answer + "\n").</summary>
    private static PromptResult Result(int index, int[] counts, double[] probabilities)
    {
        var target = counts.Select(c => (double)c / counts.Sum()).ToArray();
        var logs = probabilities.Select(p => Math.Log(p)).ToArray();
        var candidates = Spec.Tasks.Select((t, i) => new CandidateScore(t, $"answer {i}", AnswerProbability.Exact(logs[i]), null)).ToList();
        return new PromptResult(
            PromptResult.CurrentVersion, Spec.Name, "m", "D1", index, Spec.Tasks, counts, target, "q",
            candidates, MeasuredKl.Of(target, logs, exact: true), null, "echo", Tokenization.Separate, ScoringCost.None, DateTimeOffset.UnixEpoch);
    }

    // Counts (3, 1) give the Pólya predictive with α = 1 of (4/6, 2/6); counts (1, 1) give (1/2, 1/2).
    private static readonly PromptResult[] Crafted = [Result(0, [3, 1], [0.5, 0.25]), Result(1, [1, 1], [0.6, 0.4])];

    private static MeasureSummary Summarize(ExperimentSpec spec, IEnumerable<PromptResult> results)
    {
        var builder = new SummaryBuilder(spec);
        foreach (var result in results)
        {
            builder.Add(result);
        }

        return builder.Build(DateTimeOffset.UnixEpoch).Models.Single().Distributions.Single().Terminated!;
    }

    [Fact]
    public void KL_to_the_Polya_predictive_equals_a_hand_computation_on_crafted_results()
    {
        var polya = Summarize(Spec, Crafted).Polya!;

        // Prompt 0: KL((2/3, 1/3) ‖ (1/2, 1/4)) = 2/3·ln(4/3) + 1/3·ln(4/3) = ln(4/3); P/s = (2/3, 1/3) is the predictive, KL_norm 0.
        // Prompt 1: KL((1/2, 1/2) ‖ (0.6, 0.4)) = ½·ln(0.5/0.6) + ½·ln(0.5/0.4) = ½·ln(25/24), and s = 1.
        Assert.Equal(1.0, polya.Alpha);
        Assert.Equal((Math.Log(4.0 / 3) + (0.5 * Math.Log(25.0 / 24))) / 2, polya.KlRaw.Mean, 12);
        Assert.Equal(0.5 * Math.Log(25.0 / 24) / 2, polya.KlNormalized.Mean, 12);

        // Mean P = (0.55, 0.325), mean predictive = (7/12, 5/12); renormalised mean P = (0.55, 0.325) / 0.875.
        Assert.Equal([7.0 / 12, 5.0 / 12], polya.MeanPredictive, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal((7.0 / 12 * Math.Log(7.0 / 12 / 0.55)) + (5.0 / 12 * Math.Log(5.0 / 12 / 0.325)), polya.KlOfMeanRaw, 12);
        Assert.Equal((7.0 / 12 * Math.Log(7.0 / 12 / (0.55 / 0.875))) + (5.0 / 12 * Math.Log(5.0 / 12 / (0.325 / 0.875))), polya.KlOfMeanNormalized, 12);
    }

    [Fact]
    public void The_Polya_intervals_contain_their_means()
    {
        var polya = Summarize(Spec, Crafted).Polya!;
        Assert.InRange(polya.KlRaw.Mean, polya.KlRaw.Low, polya.KlRaw.High);
        Assert.InRange(polya.KlNormalized.Mean, polya.KlNormalized.Low, polya.KlNormalized.High);

        // Two prompts with different KLs: the replicates must spread, or the interval was not bootstrapped at all.
        Assert.True(polya.KlRaw.Low < polya.KlRaw.High);
    }

    [Fact]
    public void Without_polya_the_summary_has_no_comparison_and_the_KL_to_D_is_the_same_as_with_it()
    {
        var without = Summarize(Spec with { Polya = null }, Crafted);
        var with = Summarize(Spec, Crafted);
        Assert.Null(without.Polya);

        // The Pólya values join the bootstrap's value vector under the same Poisson weights, which leave the others as they were.
        Assert.Equal(without.KlRaw, with.KlRaw);
        Assert.Equal(without.KlNormalized, with.KlNormalized);
        Assert.Equal(without.ValidMass, with.ValidMass);
    }

    [Fact]
    public void With_a_vanishing_alpha_the_KL_to_Polya_is_the_KL_to_the_example_shares()
    {
        // (n_i + α)/(N + kα) tends to n_i/N = D_i as α → 0.
        var small = Summarize(Spec with { Polya = new PolyaSpec(1e-9) }, Crafted).Polya!;
        var mean = Summarize(Spec with { Polya = null }, Crafted);
        Assert.Equal(mean.KlRaw.Mean, small.KlRaw.Mean, 6);
    }
}
