using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Tasks;

namespace Superposition.Scoring.Tests.Strategies;

/// <summary>
/// "I" (first letter) against "Icelandic" (language), tokenised I | celand | ic: with the terminator each answer
/// gets its own mass; without it (the paper's mode) P("I") also holds every continuation that starts with "I".
/// </summary>
public sealed class PrefixAnswerTests : IAsyncLifetime
{
    private ScorerHost _host = null!;

    public async Task InitializeAsync() => _host = await ScorerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("echo")]
    [InlineData("trie")]
    [InlineData("chat")]
    public async Task Prefix_answers_get_their_own_mass_with_terminator(string strategy)
    {
        var score = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringOptions(strategy, Terminator: true));

        Assert.True(score.Terminator);
        Assert.All(score.Candidates, c => Assert.Equal(Exactness.Exact, c.Exactness));
        Assert.Equal(2.0 / 6, score.Candidates[0].Probability, 1e-9);
        Assert.Equal(4.0 / 6, score.Candidates[1].Probability, 1e-9);
    }

    [Theory]
    [InlineData("echo")]
    [InlineData("trie")]
    [InlineData("paper-forward")]
    [InlineData("paper-beam")]
    public async Task Without_terminator_the_shorter_answer_includes_the_longer(string strategy)
    {
        var score = await _host.Scorer.ScoreAsync("reference-calibrated", IcelandPrompt(), new ScoringOptions(strategy, Terminator: false));

        Assert.False(score.Terminator);
        Assert.Equal(1.0, score.Candidates[0].Probability, 1e-9);
        Assert.Equal(4.0 / 6, score.Candidates[1].Probability, 1e-9);
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
