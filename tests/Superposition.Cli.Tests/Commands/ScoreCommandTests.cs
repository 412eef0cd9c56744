using System.Text.Json;

namespace Superposition.Cli.Tests.Commands;

public sealed class ScoreCommandTests
{
    [Fact]
    public async Task Score_of_a_reference_model_needs_no_configuration_and_recovers_the_mixture()
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "reference-calibrated", "--limit", "2", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var prompts = json.RootElement.GetProperty("prompts").EnumerateArray().ToList();
        Assert.Equal(6, prompts.Count);
        var d2 = prompts.First(p => p.GetProperty("distribution").GetString() == "D2");
        Assert.Equal(0.5, d2.GetProperty("terminated").GetProperty("probabilities").GetProperty("number.increment").GetDouble(), 9);
        Assert.Equal(0.1, d2.GetProperty("terminated").GetProperty("probabilities").GetProperty("number.square").GetDouble(), 9);
        Assert.Equal(0.5, d2.GetProperty("prefix").GetProperty("probabilities").GetProperty("number.increment").GetDouble(), 9);
        Assert.All(prompts, p =>
        {
            foreach (var measure in new[] { "terminated", "prefix" })
            {
                var m = p.GetProperty(measure);
                Assert.Equal(0, m.GetProperty("klRaw").GetDouble(), 9);
                Assert.Equal(1, m.GetProperty("validMass").GetDouble(), 9);
                Assert.True(m.GetProperty("exact").GetBoolean());
                Assert.True(m.TryGetProperty("klNormalized", out _));
            }
        });
        var totals = json.RootElement.GetProperty("totals");
        Assert.Equal(6, totals.GetProperty("requests").GetInt32());
        Assert.True(totals.GetProperty("promptTokens").GetInt64() > 0);
        Assert.True(totals.TryGetProperty("cachedTokens", out _));
        Assert.True(totals.TryGetProperty("completionTokens", out _));
    }

    [Fact]
    public async Task Score_of_the_leaky_model_by_trie_reports_valid_mass_0_22()
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-countries.json"), "--model", "reference-leaky", "--strategy", "trie", "--limit", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("trie", json.RootElement.GetProperty("strategy").GetString());
        Assert.All(json.RootElement.GetProperty("prompts").EnumerateArray(), p => Assert.Equal(0.22, p.GetProperty("terminated").GetProperty("validMass").GetDouble(), 6));
    }

    [Fact]
    public async Task Score_table_shows_kl_and_totals()
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "reference-sharp", "--limit", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("KL_raw", run.Out, StringComparison.Ordinal);
        Assert.Contains("paper", run.Out, StringComparison.Ordinal);
        Assert.Contains("3 prompts scored, 0 failed; 3 requests", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_model_is_bad_input_listing_known_models()
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "gpt-9");
        run.AssertBadInput("Unknown model 'gpt-9'");
        Assert.Contains("reference-calibrated", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_strategy_is_bad_input()
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "reference-calibrated", "--strategy", "beams");
        run.AssertBadInput("--strategy: 'beams' is not a strategy");
    }

    [Fact]
    public async Task Paper_forward_with_joint_tokenisation_scores_the_prefix_inclusive_measure_alone()
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "reference-calibrated", "--strategy", "paper-forward", "--tokenization", "joint", "--limit", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.All(json.RootElement.GetProperty("prompts").EnumerateArray(), p =>
        {
            Assert.Equal(JsonValueKind.Null, p.GetProperty("terminated").ValueKind);
            Assert.Equal(0, p.GetProperty("prefix").GetProperty("klRaw").GetDouble(), 9);
        });
    }

    [Theory]
    [InlineData("echo", "joint", "--tokenization: joint tokenisation is the authors' paper-forward procedure")]
    [InlineData("paper-forward", "merged", "--tokenization: 'merged' is not a tokenisation")]
    public async Task Tokenisation_that_the_strategy_cannot_use_is_bad_input(string strategy, string tokenization, string message)
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "reference-calibrated", "--strategy", strategy, "--tokenization", tokenization);
        run.AssertBadInput(message);
    }

    [Fact]
    public async Task Plan_counts_one_echo_request_per_prompt_and_marks_auto()
    {
        var run = await CliRun.Of("plan", CliRun.Preset("fig6-numbers.json"), "--model", "reference-calibrated", "--limit", "4", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var echo = rows.Single(r => r.GetProperty("strategy").GetString() == "echo");
        Assert.True(echo.GetProperty("isAuto").GetBoolean());
        Assert.Equal(12, echo.GetProperty("prompts").GetInt32());
        Assert.Equal(12, echo.GetProperty("requests").GetInt64());
        var forward = rows.Single(r => r.GetProperty("strategy").GetString() == "paper-forward");
        Assert.Equal(72, forward.GetProperty("requests").GetInt64());
        Assert.Equal(7, rows.Count);
    }
}
