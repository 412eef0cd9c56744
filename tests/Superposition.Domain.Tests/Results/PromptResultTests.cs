using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Results;
using Superposition.Scores;

namespace Superposition.Tests.Results;

public sealed class PromptResultTests
{
    private static readonly Prompt Prompt =
        PromptGenerator.ForTaskIds(["country.capital", "country.first-letter", "country.language"]).Generate(PaperDistributions.Get("D2", 3), 12, 0, 0);

    private static PromptScore Score(params double[] probabilities) => new(
        "reference-leaky",
        "echo",
        Terminator: true,
        [.. Prompt.Candidates.Select((c, i) => new CandidateScore(c.Task, c.Answer, Math.Log(probabilities[i]), Exactness.Exact))],
        new ScoringCost(1, 300, 0, 0, 12.5));

    [Fact]
    public void Result_carries_the_prompts_target_and_the_KL_numbers_of_its_score()
    {
        var result = PromptResult.Create("note", Prompt, Score(0.055, 0.055, 0.11), DateTimeOffset.UnixEpoch);
        Assert.Equal([3, 3, 6], result.Counts);
        Assert.Equal([0.25, 0.25, 0.5], result.Target);
        Assert.Equal(-Math.Log(0.22), result.KlRaw, 12);
        Assert.Equal(0, result.KlNormalized, 12);
        Assert.Equal(0.22, result.ValidMass, 12);
        Assert.True(result.Exact);
        Assert.Equal(("note", "reference-leaky", "D2", 0), (result.Experiment, result.Model, result.Distribution, result.PromptIndex));
        Assert.Equal(0.11, result.Probabilities[2], 12);
    }

    [Fact]
    public void A_bound_makes_the_result_inexact()
    {
        var score = Score(0.2, 0.3, 0.5);
        score = score with { Candidates = [.. score.Candidates.Select((c, i) => i == 0 ? c with { Exactness = Exactness.Bound } : c)] };
        Assert.False(PromptResult.Create("note", Prompt, score, DateTimeOffset.UnixEpoch).Exact);
    }

    [Fact]
    public void Candidates_out_of_task_order_are_rejected()
    {
        var score = Score(0.2, 0.3, 0.5);
        score = score with { Candidates = [.. score.Candidates.Reverse()] };
        Assert.Throws<ArgumentException>(() => PromptResult.Create("note", Prompt, score, DateTimeOffset.UnixEpoch));
    }
}
