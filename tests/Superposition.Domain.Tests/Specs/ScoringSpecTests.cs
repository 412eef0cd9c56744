using Superposition.Specs;

namespace Superposition.Domain.Tests.Specs;

/// <summary>The scoring part of a spec: the strategies, and the authors' joint tokenisation for paper-forward alone.</summary>
public sealed class ScoringSpecTests
{
    private static string Spec(string scoring) => $$"""
        {
          "version": 1,
          "name": "scoring-spec",
          "kind": "calibration",
          "tasks": ["country.capital", "country.first-letter"],
          "distributions": ["D1"],
          "examples": 10,
          "prompts": 2,
          "seed": 0,
          "models": ["reference-calibrated"],
          "scoring": {{scoring}}
        }
        """;

    [Fact]
    public void Joint_tokenisation_with_paper_forward_is_read()
    {
        var spec = SpecLoader.Parse(Spec("""{"strategy": "paper-forward", "tokenization": "joint"}"""));

        Assert.Equal(Tokenization.Joint, spec.Scoring.Tokenization);
        Assert.Contains("\"tokenization\": \"joint\"", SpecLoader.Serialize(spec), StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenisation_defaults_to_separate()
    {
        Assert.Equal(Tokenization.Separate, SpecLoader.Parse(Spec("""{"strategy": "echo"}""")).Scoring.Tokenization);
    }

    [Theory]
    [InlineData("echo")]
    [InlineData("auto")]
    [InlineData("paper-beam")]
    public void Joint_tokenisation_with_another_strategy_is_rejected_naming_it(string strategy)
    {
        var errors = SpecLoader.Validate(Spec($$"""{"strategy": "{{strategy}}", "tokenization": "joint"}"""), out var spec);

        Assert.Null(spec);
        var error = Assert.Single(errors);
        Assert.Equal("$.scoring.tokenization", error.Path);
        Assert.Contains($"'{strategy}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("paper-forward", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_tokenisation_is_rejected_by_the_schema()
    {
        var errors = SpecLoader.Validate(Spec("""{"strategy": "paper-forward", "tokenization": "merged"}"""), out _);

        Assert.Contains(errors, e => e.Path == "$.scoring.tokenization");
    }

    [Theory]
    [InlineData("paper-beam")]
    [InlineData("beam")]
    public void Both_beams_are_strategies_a_spec_may_name(string strategy) =>
        Assert.Equal(strategy, SpecLoader.Parse(Spec($$"""{"strategy": "{{strategy}}"}""")).Scoring.Strategy);
}
