using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Tasks;

namespace Superposition.Scoring.Tests.Strategies;

/// <summary>
/// "I" (first letter) against "Icelandic" (language), tokenised I | celand | ic, under 2 : 4 examples: with the
/// terminator each answer gets its own mass (2/6 and 4/6); prefix-inclusive, P("I") also holds every continuation
/// that starts with "I", so it is 1. Every strategy records both from the same requests where it can; the authors'
/// procedures record only the second, and their beam, which stops at an answer it has spelled, never reaches
/// "Icelandic".
/// </summary>
public sealed class PrefixAnswerTests : IAsyncLifetime
{
    private ScorerHost _host = null!;

    public async Task InitializeAsync() => _host = await ScorerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("echo", 1)]
    [InlineData("trie", 1)]
    [InlineData("chat", 2)]
    public async Task Both_measures_come_from_the_same_requests_and_differ_for_a_prefix_answer(string strategy, int requests)
    {
        var score = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringSpec(strategy, Terminator: true));

        Assert.All(score.Candidates, c => Assert.Equal(Exactness.Exact, c.Terminated!.Exactness));
        Assert.All(score.Candidates, c => Assert.Equal(Exactness.Exact, c.Prefix!.Exactness));
        Assert.Equal(2.0 / 6, score.Candidates[0].Terminated!.Probability, 1e-9);
        Assert.Equal(4.0 / 6, score.Candidates[1].Terminated!.Probability, 1e-9);
        Assert.Equal(1.0, score.Candidates[0].Prefix!.Probability, 1e-9);
        Assert.Equal(4.0 / 6, score.Candidates[1].Prefix!.Probability, 1e-9);
        Assert.Equal(requests, score.Cost.Requests);
    }

    [Fact]
    public async Task Sampling_counts_both_measures_in_the_same_samples()
    {
        var score = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringSpec("sample", Samples: 300));

        // Every sample starts with "I", so the prefix-inclusive estimate of "I" is exactly 1.
        Assert.Equal(1.0, score.Candidates[0].Prefix!.Probability, 12);
        Assert.InRange(score.Candidates[0].Terminated!.Probability, 0.2, 0.47);
        Assert.Equal(score.Candidates[1].Terminated!.Probability, score.Candidates[1].Prefix!.Probability, 12);
        Assert.Equal(3, score.Cost.Requests);
    }

    [Theory]
    [InlineData("echo")]
    [InlineData("trie")]
    [InlineData("chat")]
    [InlineData("sample")]
    [InlineData("paper-forward")]
    [InlineData("beam")]
    public async Task Without_terminator_only_the_prefix_inclusive_measure_is_taken(string strategy)
    {
        var score = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringSpec(strategy, Terminator: false, Samples: 300));

        Assert.False(score.Has(AnswerMeasure.Terminated));
        Assert.Equal(1.0, score.Candidates[0].Prefix!.Probability, 1e-9);
        Assert.InRange(score.Candidates[1].Prefix!.Probability, strategy == "sample" ? 0.55 : (4.0 / 6) - 1e-9, strategy == "sample" ? 0.78 : (4.0 / 6) + 1e-9);
    }

    [Theory]
    [InlineData("paper-forward")]
    [InlineData("paper-beam")]
    [InlineData("beam")]
    public async Task The_authors_procedures_take_no_end_of_answer_even_when_asked(string strategy)
    {
        var score = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringSpec(strategy, Terminator: true));

        Assert.All(score.Candidates, c => Assert.Null(c.Terminated));
        Assert.Equal(1.0, score.Candidates[0].Prefix!.Probability, 1e-9);
    }

    [Fact]
    public async Task The_authors_beam_stops_at_an_answer_so_a_longer_one_it_prefixes_gets_zero()
    {
        // Their beam adds "I" to the answer "I" and does not extend it, and no other continuation is listed after the
        // prompt: "Icelandic" is never reached and recorded as 0 (a lower bound, infinite KL). The suite's beam goes on.
        var authors = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringSpec("paper-beam"));
        var extended = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringSpec("beam"));

        Assert.Equal(1.0, authors.Candidates[0].Prefix!.Probability, 1e-9);
        Assert.Equal(Exactness.Exact, authors.Candidates[0].Prefix!.Exactness);
        Assert.Equal(0.0, authors.Candidates[1].Prefix!.Probability);
        Assert.Equal(Exactness.LowerBound, authors.Candidates[1].Prefix!.Exactness);
        Assert.Equal(1, authors.Cost.Requests);
        Assert.Equal(4.0 / 6, extended.Candidates[1].Prefix!.Probability, 1e-9);
        Assert.Equal(Exactness.Exact, extended.Candidates[1].Prefix!.Exactness);
    }

    [Fact]
    public async Task The_authors_beam_prunes_continuations_below_a_thousandth_so_rare_long_answers_get_zero()
    {
        // β = 6 under D2 gives the 6-example tasks about 6e-5 each: their first tokens fall below 0.001 and are not
        // extended, so a minority answer of several tokens is never spelled; the suite's beam keeps every prefix.
        const string model = "reference:beta=6";
        var prompt = Designed.Countries("D2", 0);
        var designed = Designed.Probabilities(prompt, model);
        var authors = await _host.Scorer.ScoreAsync(model, prompt, new ScoringSpec("paper-beam"));
        var extended = await _host.Scorer.ScoreAsync(model, prompt, new ScoringSpec("beam"));

        var pruned = Enumerable.Range(0, designed.Length).Where(i => authors.Candidates[i].Prefix!.Exactness == Exactness.LowerBound).ToList();
        Assert.NotEmpty(pruned);
        Assert.All(pruned, i =>
        {
            Assert.InRange(designed[i], 1e-12, 0.001);
            Assert.Equal(0.0, authors.Candidates[i].Prefix!.Probability);
            Assert.Equal(designed[i], extended.Candidates[i].Prefix!.Probability, 1e-9);
        });
        Assert.All(Enumerable.Range(0, designed.Length).Except(pruned), i => Assert.Equal(designed[i], authors.Candidates[i].Prefix!.Probability, 1e-9));
    }

    [Fact]
    public async Task The_authors_beam_also_extends_continuations_no_answer_starts_with()
    {
        // reference-leaky puts 0.78 on "?", "...", "unknown" and "N/A": their code keeps those beams among the ten
        // (each above 0.001) and asks for their continuations too; the suite's beam drops them at once.
        var prompt = Designed.Countries("D1", 2);
        var authors = await _host.Scorer.ScoreAsync("reference-leaky", prompt, new ScoringSpec("paper-beam"));
        var extended = await _host.Scorer.ScoreAsync("reference-leaky", prompt, new ScoringSpec("beam"));

        Assert.True(authors.Cost.Requests > extended.Cost.Requests, $"paper-beam {authors.Cost.Requests} requests, beam {extended.Cost.Requests}");
    }

    [Fact]
    public async Task Joint_tokenisation_equals_separate_where_the_tokenizer_never_merges_across_the_boundary()
    {
        // The reference server tokenises segment by segment, so prompt + answer never merge: the authors' joint slicing
        // scores the same tokens as the suite's separate tokenisation.
        var separate = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringSpec("paper-forward"));
        var joint = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringSpec("paper-forward", Tokenization: Tokenization.Joint));

        Assert.Equal(Tokenization.Joint, joint.Tokenization);
        Assert.Equal(separate.Candidates.Select(c => c.Prefix!.LogProbability), joint.Candidates.Select(c => c.Prefix!.LogProbability));
        Assert.Equal(1.0, joint.Candidates[0].Prefix!.Probability, 1e-9);
    }

    [Fact]
    public async Task Joint_tokenisation_with_another_strategy_is_refused_naming_both()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringSpec("echo", Tokenization: Tokenization.Joint)));

        Assert.Contains("paper-forward", e.Message, StringComparison.Ordinal);
        Assert.Contains("'echo'", e.Message, StringComparison.Ordinal);
    }

    private static Prompt IcelandPrompt()
    {
        var letter = TaskLibrary.Get("country.first-letter");
        var language = TaskLibrary.Get("country.language");
        Example Ex(TaskDefinition task, string country) => new(task.Id, country, task.Answer(country));
        Example[] examples =
        [
            Ex(language, "France"), Ex(letter, "Germany"), Ex(language, "Spain"),
            Ex(language, "Japan"), Ex(letter, "Brazil"), Ex(language, "Mexico"),
        ];
        return new Prompt("custom", 0, [letter.Id, language.Id], [2, 4], examples, "Iceland", "->",
            [new Candidate(letter.Id, "I"), new Candidate(language.Id, "Icelandic")], 0);
    }
}
