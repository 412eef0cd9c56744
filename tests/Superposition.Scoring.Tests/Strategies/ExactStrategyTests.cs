using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Strategies;

/// <summary>Every exact strategy recovers the reference models' designed probabilities over real loopback HTTP.</summary>
public sealed class ExactStrategyTests : IAsyncLifetime
{
    private ScorerHost _host = null!;

    public async Task InitializeAsync() => _host = await ScorerHost.StartAsync(models: new Dictionary<string, IDictionary<string, string?>>
    {
        // The same server seen as a plain OpenAI-compatible endpoint (official SDK for chat, o200k locally, string keys).
        ["sdk-calibrated"] = new Dictionary<string, string?> { ["Kind"] = "openai-compatible", ["Model"] = "reference-calibrated", ["Tokenizer"] = "o200k_base" },
        ["sdk-sharp"] = new Dictionary<string, string?> { ["Kind"] = "openai-compatible", ["Model"] = "reference-sharp", ["Tokenizer"] = "o200k_base" },
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var model in new[] { "reference-calibrated", "reference-sharp", "reference-leaky" })
        {
            foreach (var strategy in new[] { "echo", "trie", "chat" })
            {
                data.Add(model, strategy, true);
                data.Add(model, strategy, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exact_strategy_recovers_designed_probabilities_to_1e6(string model, string strategy, bool countries)
    {
        var prompt = countries ? Designed.Countries() : Designed.Numbers();
        var score = await _host.Scorer.ScoreAsync(model, prompt, new ScoringSpec(strategy));

        AssertDesigned(prompt, model, score, strategy, terminator: true);
        Assert.True(score.Cost.Requests >= 1);
        Assert.True(score.Cost.PromptTokens > 0);
    }

    [Theory]
    [InlineData("reference-calibrated", "paper-forward")]
    [InlineData("reference-sharp", "paper-forward")]
    [InlineData("reference-leaky", "paper-beam")]
    [InlineData("reference-sharp", "paper-beam")]
    public async Task Paper_procedures_recover_designed_probabilities_without_terminator(string model, string strategy)
    {
        foreach (var prompt in new[] { Designed.Numbers(), Designed.Countries() })
        {
            var score = await _host.Scorer.ScoreAsync(model, prompt, new ScoringSpec(strategy, Terminator: true));

            // The paper's procedures never score the terminator, whatever is asked: the candidates carry no such measure.
            Assert.False(score.Has(AnswerMeasure.Terminated));
            AssertDesigned(prompt, model, score, strategy, terminator: false);
        }
    }

    [Theory]
    [InlineData("sdk-calibrated", "trie")]
    [InlineData("sdk-sharp", "trie")]
    [InlineData("sdk-calibrated", "echo")]
    public async Task Local_tokeniser_and_token_strings_score_exactly_on_an_openai_compatible_server(string model, string strategy)
    {
        var prompt = Designed.Numbers("D3", 2);
        var score = await _host.Scorer.ScoreAsync(model, prompt, new ScoringSpec(strategy));
        AssertDesigned(prompt, model == "sdk-calibrated" ? "reference-calibrated" : "reference-sharp", score, strategy, terminator: true);
    }

    [Fact]
    public async Task Chat_walk_through_the_sdk_is_exact_where_revealed_and_an_upper_bound_elsewhere()
    {
        var prompt = Designed.Numbers("D1", 3);
        var score = await _host.Scorer.ScoreAsync("sdk-calibrated", prompt, new ScoringSpec("chat"));

        var designed = Designed.Probabilities(prompt, "reference-calibrated");
        Assert.Equal("chat", score.Strategy);
        AssertExactOrUpperBound(score, designed, tolerance: 1e-9);

        // D1 gives each task 1/6: 4 requests of 8 sampled replies reveal most paths.
        Assert.True(score.Candidates.Count(c => c.Terminated!.Exactness == Exactness.Exact) >= 4);
        Assert.True(score.Cost.Requests <= 4);
    }

    [Fact]
    public async Task Auto_picks_echo_on_the_reference_server_and_remembers_it()
    {
        Assert.Equal("echo", await _host.Scorer.ResolveStrategyAsync("reference-biased"));
        var score = await _host.Scorer.ScoreAsync("reference-biased", Designed.Countries(), new ScoringSpec());
        Assert.Equal("echo", score.Strategy);
        Assert.Equal(1, score.Cost.Requests);
        AssertDesigned(Designed.Countries(), "reference-biased", score, "echo", terminator: true);
    }

    [Fact]
    public async Task Trie_walk_with_top_1_gives_upper_bounds_never_wrong_exact_values()
    {
        await using var host = await ScorerHost.StartAsync(models: new Dictionary<string, IDictionary<string, string?>>
        {
            ["top1"] = new Dictionary<string, string?> { ["Kind"] = "reference", ["Model"] = "reference-sharp", ["MaxTopLogprobs"] = "1" },
        });
        var prompt = Designed.Countries("D2", 0);
        var score = await host.Scorer.ScoreAsync("top1", prompt, new ScoringSpec("trie"));

        var designed = Designed.Probabilities(prompt, "reference-sharp");
        Assert.Contains(score.Candidates, c => c.Terminated!.Exactness == Exactness.Bound);
        AssertExactOrUpperBound(score, designed, tolerance: 1e-12);

        Assert.False(score.IsExact(AnswerMeasure.Terminated));
    }

    /// <summary>
    /// Under both measures each candidate is exact (the designed value to 1e-6) or an upper bound never below it by
    /// more than <paramref name="tolerance"/>: a walk that could not reveal a token must not give a wrong exact value.
    /// </summary>
    private static void AssertExactOrUpperBound(PromptScore score, double[] designed, double tolerance)
    {
        foreach (var measure in new[] { AnswerMeasure.Terminated, AnswerMeasure.Prefix })
        {
            for (var i = 0; i < designed.Length; i++)
            {
                var c = score.Candidates[i].Of(measure)!;
                if (c.Exactness == Exactness.Exact)
                {
                    Assert.Equal(designed[i], c.Probability, 1e-6);
                }
                else
                {
                    Assert.Equal(Exactness.Bound, c.Exactness);
                    Assert.True(c.Probability >= designed[i] - tolerance, $"{score.Candidates[i].Task} ({measure}): bound {c.Probability} below the true {designed[i]}");
                }
            }
        }
    }

    /// <summary>
    /// Both measures against the design: these prompts have no answer that is a token prefix of another and the
    /// models end every answer with "\n" (δ = 0), so the prefix-inclusive P equals P(answer + "\n") here.
    /// </summary>
    private static void AssertDesigned(Prompt prompt, string model, PromptScore score, string strategy, bool terminator)
    {
        var designed = Designed.Probabilities(prompt, model);
        Assert.Equal(strategy, score.Strategy);
        Assert.Equal(terminator, score.Has(AnswerMeasure.Terminated));
        Assert.True(score.Has(AnswerMeasure.Prefix));
        Assert.Equal(prompt.Tasks, score.Candidates.Select(c => c.Task));
        foreach (var measure in terminator ? new[] { AnswerMeasure.Terminated, AnswerMeasure.Prefix } : [AnswerMeasure.Prefix])
        {
            for (var i = 0; i < designed.Length; i++)
            {
                var c = score.Candidates[i].Of(measure)!;
                Assert.Equal(Exactness.Exact, c.Exactness);
                Assert.True(Math.Abs(designed[i] - c.Probability) <= 1e-6, $"{strategy} on {model} ({measure}): {prompt.Tasks[i]} ('{prompt.Candidates[i].Answer}') got {c.Probability}, designed {designed[i]}");
            }
        }
    }
}
