using Superposition.Scores;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Strategies;

public sealed class SamplingTests : IAsyncLifetime
{
    private ScorerHost _host = null!;

    public async Task InitializeAsync() => _host = await ScorerHost.StartAsync(extra: new Dictionary<string, string?>
    {
        // 5 sigma-ish joint coverage so that a fixed seed is not a lucky pass.
        ["Superposition:Scoring:SampleConfidence"] = "0.9999",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("reference-calibrated")]
    [InlineData("reference-sharp")]
    [InlineData("reference-leaky")]
    public async Task Sampling_intervals_contain_the_designed_probabilities(string model)
    {
        var prompt = Designed.Countries();
        var score = await _host.Scorer.ScoreAsync(model, prompt, new ScoringSpec("sample", Samples: 400));

        var designed = Designed.Probabilities(prompt, model);
        Assert.Equal("sample", score.Strategy);
        Assert.Equal(4, score.Cost.Requests);
        // Both measures come from the same samples; with δ = 0 and no answer a prefix of another they estimate the same P.
        foreach (var measure in new[] { AnswerMeasure.Terminated, AnswerMeasure.Prefix })
        {
            for (var i = 0; i < designed.Length; i++)
            {
                var c = score.Candidates[i].Of(measure)!;
                Assert.Equal(Exactness.Estimate, c.Exactness);
                Assert.NotNull(c.LowerLogProbability);
                Assert.NotNull(c.UpperLogProbability);
                Assert.InRange(Math.Log(designed[i]), c.LowerLogProbability!.Value, c.UpperLogProbability!.Value);
                Assert.True(c.UpperLogProbability < 0);
            }
        }
    }

    [Fact]
    public async Task A_task_never_sampled_has_estimate_and_lower_bound_minus_infinity()
    {
        // reference-sharp on D2 gives the 30-example task 125 times the weight of each 6-example one.
        var prompt = Designed.Countries("D2", 0);
        var score = await _host.Scorer.ScoreAsync("reference-sharp", prompt, new ScoringSpec("sample", Samples: 20));

        var rare = score.Candidates.Select(c => c.Terminated!).Where(c => double.IsNegativeInfinity(c.LogProbability)).ToList();
        Assert.NotEmpty(rare);
        Assert.All(rare, c =>
        {
            Assert.Equal(double.NegativeInfinity, c.LowerLogProbability);
            Assert.True(double.IsFinite(c.UpperLogProbability!.Value));
        });
    }

    [Fact]
    public async Task Sample_call_draws_answer_lines_with_stop_at_newline()
    {
        var prompt = Designed.Numbers();
        var batch = await _host.Scorer.SampleAsync("reference-calibrated", prompt.Text, new SamplingRequest(150, Seed: 7));

        Assert.Equal(150, batch.Texts.Count);
        var answers = prompt.Candidates.Select(c => c.Answer).ToHashSet();
        Assert.All(batch.Texts, t => Assert.Contains(t, answers));
        Assert.Equal(2, batch.Cost.Requests);
    }
}
