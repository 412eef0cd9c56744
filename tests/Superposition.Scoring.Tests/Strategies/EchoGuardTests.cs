using Superposition.ModelServer.Hosting;
using Superposition.Specs;

namespace Superposition.Scoring.Tests.Strategies;

/// <summary>A server that silently ignores echo would score every candidate alike: it must be caught, never scored.</summary>
public sealed class EchoGuardTests : IAsyncLifetime
{
    private ScorerHost _host = null!;

    public async Task InitializeAsync() => _host = await ScorerHost.StartAsync(new ProtocolServerOptions { IgnoreEcho = true });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("echo")]
    [InlineData("paper-forward")]
    public async Task Echo_on_a_server_that_ignores_it_fails_loudly(string strategy)
    {
        var failure = await Assert.ThrowsAsync<ScoringFailedException>(() => _host.Scorer.ScoreAsync("reference-calibrated", Designed.Numbers(), new ScoringSpec(strategy)));

        Assert.Contains("ignored echo", failure.Cause, StringComparison.Ordinal);
        Assert.Equal(strategy, failure.Strategy);
    }

    [Fact]
    public async Task Auto_on_a_server_that_ignores_echo_walks_the_trie_and_is_exact()
    {
        var prompt = Designed.Countries();
        var score = await _host.Scorer.ScoreAsync("reference-sharp", prompt, new ScoringSpec());

        Assert.Equal("trie", score.Strategy);
        var designed = Designed.Probabilities(prompt, "reference-sharp");
        Assert.All(designed.Select((d, i) => (d, i)), x => Assert.Equal(x.d, score.Candidates[x.i].Terminated!.Probability, 1e-6));
    }
}
