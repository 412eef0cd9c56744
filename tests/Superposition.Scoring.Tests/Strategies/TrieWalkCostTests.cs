using Superposition.ReferenceModel.Model;
using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Strategies;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Strategies;

/// <summary>The trie walk's cost on the reference server: one prompt of prefill, whole paths per request.</summary>
public sealed class TrieWalkCostTests : IAsyncLifetime
{
    private ScorerHost _host = null!;

    public async Task InitializeAsync() => _host = await ScorerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("D1", 0)]
    [InlineData("D2", 1)]
    [InlineData("D3", 2)]
    public async Task Trie_walk_prefills_at_most_a_tenth_more_than_one_prompt_plus_the_candidate_tokens(string distribution, int index)
    {
        foreach (var prompt in new[] { Designed.Numbers(distribution, index), Designed.Countries(distribution, index) })
        {
            var score = await _host.Scorer.ScoreAsync("reference-calibrated", prompt, new ScoringSpec("trie"));

            var tokenizer = ReferenceTokenizer.Shared;
            var candidates = prompt.Candidates.Select(c => (int[])[.. tokenizer.Encode(c.Answer), .. tokenizer.Encode("\n")]).ToList();
            var trie = new CandidateTrie(candidates, id => new CandidateToken(id, null, null));
            var minimum = tokenizer.Encode(prompt.Text).Length + trie.DistinctTokens;
            Assert.True(score.IsExact(AnswerMeasure.Terminated));
            Assert.InRange(score.Cost.PrefilledTokens, tokenizer.Encode(prompt.Text).Length, 1.1 * minimum);

            // Sampled paths reveal deeper nodes: fewer requests than the trie has nodes to reveal.
            Assert.True(score.Cost.Requests < InnerNodes(trie.Root), $"{score.Cost.Requests} requests for {InnerNodes(trie.Root)} inner nodes");
        }
    }

    private static int InnerNodes(CandidateTrie.Node node) =>
        (node.MaxRemaining > 0 ? 1 : 0) + node.Children.Values.Sum(InnerNodes);
}
