using System.Text.Json.Nodes;
using Superposition.Collapse;
using Superposition.Prompts;
using Superposition.Specs;
using Superposition.Tasks;

namespace Superposition.Domain.Tests.Specs;

public sealed class SpecLoaderTests
{
    internal const string Valid = """
        {
          "version": 1,
          "name": "test-spec",
          "kind": "calibration",
          "tasks": ["country.capital", "country.first-letter", "country.language"],
          "distributions": ["D1", {"name": "skewed", "weights": [0.5, 0.25, 0.25]}],
          "examples": 12,
          "prompts": 5,
          "seed": 3,
          "models": ["reference-calibrated"],
          "scoring": {"strategy": "echo", "terminator": false}
        }
        """;

    public static TheoryData<string> Presets => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "experiments"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Presets))]
    public void Every_preset_is_a_valid_spec_whose_first_prompt_can_be_built(string file)
    {
        var spec = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", file));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), spec.Name);
        // Every preset runs offline: reference models, or the committed trained sweeps (CommittedSweepTests checks they exist).
        Assert.All(spec.Models, m => Assert.True(m.StartsWith("reference-", StringComparison.Ordinal) || m.StartsWith("train-numbers-", StringComparison.Ordinal), m));
        foreach (var distribution in spec.ResolveDistributions())
        {
            var prompt = new PromptGenerator(spec.ResolveTasks()).Generate(distribution, spec.Examples, spec.Seed, 0);
            Assert.Equal(spec.Examples, prompt.Examples.Count);
        }

        if (spec.Collapse is { } collapse)
        {
            var run = new MultiTurnRun(spec.ResolveTasks(), collapse.Initial[0].Resolve(spec.Tasks.Count), collapse.Turns, spec.Seed, 0);
            Assert.Equal(collapse.Initial[0].Resolve(spec.Tasks.Count).Sum() + 1, run.Prompt.Split('\n').Length);
        }
        else
        {
            Assert.NotEmpty(spec.Distributions);
        }
    }

    [Theory]
    [InlineData("fig6-numbers.json", "number.identity")]
    [InlineData("fig6-countries.json", "country.capital")]
    public void Fig6_presets_follow_the_papers_protocol(string file, string firstTask)
    {
        var spec = SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", file));
        Assert.Equal(6, spec.Tasks.Count);
        Assert.Equal(firstTask, spec.Tasks[0]);
        Assert.Equal(["D1", "D2", "D3"], spec.Distributions.Select(d => d.Name));
        Assert.Equal((60, 100, 0), (spec.Examples, spec.Prompts, spec.Seed));
    }

    [Fact]
    public void A_valid_spec_reads_every_field()
    {
        var spec = SpecLoader.Parse(Valid);
        Assert.Equal("test-spec", spec.Name);
        Assert.Equal(ExperimentKind.Calibration, spec.Kind);
        Assert.Equal(new ScoringSpec("echo", Terminator: false), spec.Scoring);
        Assert.Equal([0.5, 0.25, 0.25], spec.ResolveDistribution("skewed").Weights);
        Assert.Equal(1.0 / 3, spec.ResolveDistribution("D1").Weights[0], 12);
        Assert.Equal(SpecLoader.Serialize(spec), SpecLoader.Serialize(SpecLoader.Parse(SpecLoader.Serialize(spec))));
    }

    [Fact]
    public void Scoring_defaults_to_auto_with_terminator()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json.Remove("scoring");
        Assert.Equal(new ScoringSpec(), SpecLoader.Parse(json.ToJsonString()).Scoring);
        Assert.Equal(("auto", true), (new ScoringSpec().Strategy, new ScoringSpec().Terminator));
    }

    [Theory]
    [InlineData("version", "2", "$.version")]
    [InlineData("name", "\"Has Spaces\"", "$.name")]
    [InlineData("name", "\"\"", "$.name")]
    [InlineData("kind", "\"bogus\"", "$.kind")]
    [InlineData("tasks", "[\"country.capital\"]", "$.tasks")]
    [InlineData("tasks", "[\"country.capital\", \"country.capital\", \"country.language\"]", "$.tasks")]
    [InlineData("tasks", "[\"country.capital\", \"country.capitol\", \"country.language\"]", "$.tasks[1]")]
    [InlineData("tasks", "[\"country.capital\", \"country.first-letter\", \"number.square\"]", "$.tasks[2]")]
    [InlineData("distributions", "[]", "$.distributions")]
    [InlineData("distributions", "[\"D4\"]", "$.distributions[0]")]
    [InlineData("distributions", "[\"D1\", {\"name\": \"v\", \"weights\": [0.5, 0.5]}]", "$.distributions[1].weights")]
    [InlineData("distributions", "[\"D1\", {\"name\": \"v\", \"weights\": [-0.5, 1, 0.5]}]", "$.distributions[1].weights[0]")]
    [InlineData("distributions", "[\"D1\", {\"name\": \"v\", \"weights\": [0.5, 0.3, 0.3]}]", "$.distributions[1].weights")]
    [InlineData("distributions", "[\"D1\", {\"name\": \"v\"}]", "$.distributions[1].weights")]
    [InlineData("distributions", "[\"D1\", \"D1\"]", "$.distributions[1]")]
    [InlineData("distributions", "[{\"name\": \"D2\", \"weights\": [0.5, 0.25, 0.25]}]", "$.distributions[0].name")]
    [InlineData("examples", "0", "$.examples")]
    [InlineData("examples", "1.5", "$.examples")]
    [InlineData("examples", "500", "$.examples")]
    [InlineData("prompts", "-1", "$.prompts")]
    [InlineData("seed", "\"zero\"", "$.seed")]
    [InlineData("models", "[]", "$.models")]
    [InlineData("models", "[\"has space\"]", "$.models[0]")]
    [InlineData("scoring", "{\"strategy\": \"magic\"}", "$.scoring.strategy")]
    [InlineData("scoring", "{\"terminator\": \"yes\"}", "$.scoring.terminator")]
    [InlineData("scoring", "{\"samples\": 0}", "$.scoring.samples")]
    [InlineData("extra", "1", "$.extra")]
    public void Each_malformed_field_is_rejected_with_its_path(string field, string value, string expectedPath)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json[field] = JsonNode.Parse(value);
        var errors = SpecLoader.Validate(json.ToJsonString(), out var spec);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.Path == expectedPath);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void More_examples_than_the_family_can_keep_apart_from_the_final_question_are_rejected_saying_why()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        var countries = CountryTable.All.Count;
        json["examples"] = countries - 1;
        Assert.Empty(SpecLoader.Validate(json.ToJsonString(), out _));

        json["examples"] = countries;
        var error = Assert.Single(SpecLoader.Validate(json.ToJsonString(), out _));
        Assert.Equal(
            new SpecError("$.examples", $"{countries} examples and a final question that must not be among them need {countries + 1} distinct questions; the 'country' family has {countries}"),
            error);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("tasks")]
    [InlineData("models")]
    public void A_missing_required_field_is_named(string field)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json.Remove(field);
        var errors = SpecLoader.Validate(json.ToJsonString(), out _);
        Assert.Equal([new SpecError("$." + field, "is required")], errors);
    }

    [Fact]
    public void Invalid_JSON_is_reported_with_its_line()
    {
        var errors = SpecLoader.Validate("{\n  \"version\": 1,\n  \"name\": \n}", out _);
        var error = Assert.Single(errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_are_all_reported_at_once()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["examples"] = 0;
        json["prompts"] = 0;
        var e = Assert.Throws<SpecValidationException>(() => SpecLoader.Parse(json.ToJsonString(), "my.json"));
        Assert.Equal(["$.examples", "$.prompts"], e.Errors.Select(x => x.Path).Order());
        Assert.StartsWith("my.json is not a valid experiment spec", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_is_a_spec_error_naming_the_file()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecLoader.LoadFile("/nonexistent/spec.json"));
        Assert.Contains("/nonexistent/spec.json", e.Message, StringComparison.Ordinal);
    }
}
