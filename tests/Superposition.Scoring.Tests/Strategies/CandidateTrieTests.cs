using Superposition.Scores;
using Superposition.Scoring.Backends;
using Superposition.Scoring.Strategies;

namespace Superposition.Scoring.Tests.Strategies;

public sealed class CandidateTrieTests
{
    private static CandidateToken ById(int id) => new(id, null, null);

    private static TopToken T(int id, double logprob) => new("token_id:" + id, logprob, null, id);

    [Fact]
    public void Shared_prefixes_are_one_node_and_the_distinct_tokens_are_counted()
    {
        var trie = new CandidateTrie([[1, 2, 9], [1, 3, 9], [4, 9]], ById);

        Assert.Equal(7, trie.DistinctTokens);
        Assert.Equal(3, trie.Root.MaxRemaining);
        Assert.Equal(2, trie.Root.Children.Count);
    }

    [Fact]
    public void Exact_when_every_token_is_listed_bound_at_the_kth_logprob_when_one_is_not()
    {
        var trie = new CandidateTrie([[1, 9], [2, 9]], ById);
        trie.Reveal(trie.Root, [T(1, Math.Log(0.5)), T(3, Math.Log(0.3))], 2);
        trie.Reveal(trie.Root.Children[1], [T(9, Math.Log(0.8))], 2);

        var first = trie.Resolve(0);
        var second = trie.Resolve(1);

        Assert.Equal(Exactness.Exact, first.Exactness);
        Assert.Equal(Math.Log(0.4), first.LogProbability, 12);

        // Token 2 is missing from a full top-2 list: at most the 2nd listed (0.3), and at most the 0.2 left over.
        Assert.Equal(Exactness.Bound, second.Exactness);
        Assert.Equal(Math.Log(0.2), second.LogProbability, 12);
    }

    [Fact]
    public void A_listed_zero_probability_token_is_exactly_zero_without_further_requests()
    {
        var trie = new CandidateTrie([[1, 2, 3]], ById);
        trie.Reveal(trie.Root, [T(1, -9999.0)], 1);

        var resolution = trie.Resolve(0);

        Assert.Null(resolution.Needed);
        Assert.Equal(Exactness.Exact, resolution.Exactness);
        Assert.Equal(double.NegativeInfinity, resolution.LogProbability);
    }

    [Fact]
    public void A_generated_path_reveals_the_nodes_it_passes_through()
    {
        var trie = new CandidateTrie([[1, 2, 9]], ById);
        TokenPosition P(int id, params TopToken[] top) => new("token_id:" + id, top[0].Logprob, null, id, top, null);

        trie.RevealPath(trie.Root, [P(1, T(1, -0.1)), P(2, T(2, -0.2)), P(9, T(9, -0.3))], 1);

        var resolution = trie.Resolve(0);
        Assert.Equal(Exactness.Exact, resolution.Exactness);
        Assert.Equal(-0.6, resolution.LogProbability, 12);
    }

    [Fact]
    public void An_unrevealed_node_is_reported_as_needed_with_the_prefix_bound()
    {
        var trie = new CandidateTrie([[1, 2]], ById);
        trie.Reveal(trie.Root, [T(1, -0.7)], 1);

        var resolution = trie.Resolve(0);

        Assert.Same(trie.Root.Children[1], resolution.Needed);
        Assert.Equal(-0.7, resolution.LogProbability, 12);
    }
}
