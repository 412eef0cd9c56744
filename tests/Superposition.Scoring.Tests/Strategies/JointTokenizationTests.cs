using Superposition.Scores;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Strategies;

/// <summary>
/// The authors' joint tokenisation (prompt + answer as one string, the answer being the tokens after the prompt's own
/// count) through paper-forward: exact where the tokenizer keeps the boundary, by token ids or by text, and refused,
/// never silently wrong, where the configured tokenizer is not the server's (its count of the prompt would be wrong).
/// </summary>
public sealed class JointTokenizationTests : IAsyncLifetime
{
    private ScorerHost _host = null!;

    public async Task InitializeAsync() => _host = await ScorerHost.StartAsync(models: new Dictionary<string, IDictionary<string, string?>>
    {
        // The reference server seen as a plain OpenAI-compatible endpoint, tokenised locally: with o200k, which agrees
        // with the server on these texts, and with cl100k, which does not ("Rome" is R|ome there).
        ["sdk-o200k"] = new Dictionary<string, string?> { ["Kind"] = "openai-compatible", ["Model"] = "reference-calibrated", ["Tokenizer"] = "o200k_base" },
        ["sdk-cl100k"] = new Dictionary<string, string?> { ["Kind"] = "openai-compatible", ["Model"] = "reference-calibrated", ["Tokenizer"] = "cl100k_base" },
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Joint_tokenisation_through_server_token_ids_recovers_the_designed_probabilities()
    {
        var prompt = Designed.Numbers("D3", 4);
        var score = await _host.Scorer.ScoreAsync("reference-calibrated", prompt, new ScoringSpec("paper-forward", Tokenization: Tokenization.Joint));

        var designed = Designed.Probabilities(prompt, "reference-calibrated");
        Assert.Equal(Tokenization.Joint, score.Tokenization);
        Assert.False(score.Has(AnswerMeasure.Terminated));
        Assert.All(Enumerable.Range(0, designed.Length), i => Assert.Equal(designed[i], score.Candidates[i].Prefix!.Probability, 1e-9));
        Assert.Equal(prompt.Candidates.Count, score.Cost.Requests);
    }

    [Fact]
    public async Task Joint_tokenisation_of_text_prompts_counts_the_prompt_with_the_configured_tokenizer()
    {
        var prompt = Designed.Countries("D2", 1);
        var score = await _host.Scorer.ScoreAsync("sdk-o200k", prompt, new ScoringSpec("paper-forward", Tokenization: Tokenization.Joint));

        var designed = Designed.Probabilities(prompt, "reference-calibrated");
        Assert.All(Enumerable.Range(0, designed.Length), i => Assert.Equal(designed[i], score.Candidates[i].Prefix!.Probability, 1e-9));
    }

    [Fact]
    public async Task Joint_tokenisation_with_a_tokenizer_that_is_not_the_servers_is_refused_naming_it()
    {
        var e = await Assert.ThrowsAsync<ScoringFailedException>(() => _host.Scorer.ScoreAsync("sdk-cl100k", Designed.Countries("D2", 1), new ScoringSpec("paper-forward", Tokenization: Tokenization.Joint)));

        Assert.Contains("is not the server's", e.Message, StringComparison.Ordinal);
        Assert.Contains("cl100k_base", e.Message, StringComparison.Ordinal);
    }
}
