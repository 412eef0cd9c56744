using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;

namespace Superposition.Domain.Tests.Results;

public sealed class PromptResultTests
{
    private static readonly Prompt Prompt =
        PromptGenerator.ForTaskIds(["country.capital", "country.first-letter", "country.language"]).Generate(PaperDistributions.Get("D2", 3), 12, 0, 0);

    private static PromptScore Score(double[] terminated, double[]? prefix = null) => new(
        "reference-leaky",
        "echo",
        [.. Prompt.Candidates.Select((c, i) => new CandidateScore(
            c.Task,
            c.Answer,
            AnswerProbability.Exact(Math.Log(terminated[i])),
            AnswerProbability.Exact(Math.Log((prefix ?? terminated)[i]))))],
        new ScoringCost(1, 300, 0, 0, 12.5));

    [Fact]
    public void Result_carries_the_prompts_target_and_the_KL_numbers_of_each_measure()
    {
        var result = PromptResult.Create("note", Prompt, Score([0.055, 0.055, 0.11], prefix: [0.2, 0.3, 0.5]), DateTimeOffset.UnixEpoch);

        Assert.Equal([3, 3, 6], result.Counts);
        Assert.Equal([0.25, 0.25, 0.5], result.Target);
        Assert.Equal(-Math.Log(0.22), result.Terminated!.KlRaw, 12);
        Assert.Equal(0, result.Terminated.KlNormalized, 12);
        Assert.Equal(0.22, result.Terminated.ValidMass, 12);
        Assert.True(result.Terminated.Exact);
        var expectedPrefix = (0.25 * Math.Log(0.25 / 0.2)) + (0.25 * Math.Log(0.25 / 0.3)) + (0.5 * Math.Log(0.5 / 0.5));
        Assert.Equal(expectedPrefix, result.Prefix!.KlRaw, 12);
        Assert.Equal(1.0, result.Prefix.ValidMass, 12);
        Assert.Equal(("note", "reference-leaky", "D2", 0), (result.Experiment, result.Model, result.Distribution, result.PromptIndex));
        Assert.Equal(0.11, result.Probabilities(AnswerMeasure.Terminated)![2], 12);
        Assert.Equal(0.5, result.Probabilities(AnswerMeasure.Prefix)![2], 12);
        Assert.Equal(Tokenization.Separate, result.Tokenization);
    }

    [Fact]
    public void A_measure_the_strategy_did_not_take_is_absent_not_zero()
    {
        var score = Score([0.2, 0.3, 0.5]);
        score = score with { Candidates = [.. score.Candidates.Select(c => c with { Terminated = null })] };

        var result = PromptResult.Create("note", Prompt, score, DateTimeOffset.UnixEpoch);

        Assert.Null(result.Terminated);
        Assert.Null(result.Probabilities(AnswerMeasure.Terminated));
        Assert.NotNull(result.Prefix);
    }

    [Fact]
    public void A_bound_makes_only_its_own_measure_inexact()
    {
        var score = Score([0.2, 0.3, 0.5]);
        score = score with { Candidates = [.. score.Candidates.Select((c, i) => i == 0 ? c with { Terminated = c.Terminated! with { Exactness = Exactness.Bound } } : c)] };

        var result = PromptResult.Create("note", Prompt, score, DateTimeOffset.UnixEpoch);

        Assert.False(result.Terminated!.Exact);
        Assert.True(result.Prefix!.Exact);
    }

    [Fact]
    public void A_score_with_no_complete_measure_is_rejected()
    {
        var score = Score([0.2, 0.3, 0.5]);
        score = score with { Candidates = [.. score.Candidates.Select((c, i) => i == 0 ? c with { Terminated = null } : c with { Prefix = null })] };

        Assert.Contains("no measure", Assert.Throws<ArgumentException>(() => PromptResult.Create("note", Prompt, score, DateTimeOffset.UnixEpoch)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidates_out_of_task_order_are_rejected()
    {
        var score = Score([0.2, 0.3, 0.5]);
        score = score with { Candidates = [.. score.Candidates.Reverse()] };
        Assert.Throws<ArgumentException>(() => PromptResult.Create("note", Prompt, score, DateTimeOffset.UnixEpoch));
    }
}
