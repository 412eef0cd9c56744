using System.Text.Json.Nodes;
using Superposition.Specs;

namespace Superposition.Domain.Tests.Specs;

public sealed class CollapseSpecTests
{
    private const string Valid = """
        {
          "version": 1,
          "name": "collapse-test",
          "kind": "collapse",
          "tasks": ["country.capital", "country.first-letter"],
          "seed": 1,
          "models": ["reference-calibrated"],
          "collapse": {"initial": {"counts": [5, 3]}, "turns": 20, "runs": 100}
        }
        """;

    [Fact]
    public void A_collapse_spec_reads_its_settings_with_defaults()
    {
        var spec = SpecLoader.Parse(Valid);
        Assert.Equal(ExperimentKind.Collapse, spec.Kind);
        Assert.Equal([5, 3], spec.Collapse!.Initial[0].Resolve(2));
        Assert.Equal((20, 100, 1.0, 16), (spec.Collapse.Turns, spec.Collapse.Runs, spec.Collapse.Temperature, spec.Collapse.MaxTokens));
        Assert.Empty(spec.Distributions);
    }

    [Fact]
    public void Initial_examples_may_be_a_distribution_and_a_total()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["collapse"]!["initial"] = JsonNode.Parse("""{"distribution": {"name": "v", "weights": [0.75, 0.25]}, "examples": 8}""");
        Assert.Equal([6, 2], SpecLoader.Parse(json.ToJsonString()).Collapse!.Initial[0].Resolve(2));
    }

    [Fact]
    public void A_single_initial_object_loads_as_one_setting_and_is_written_back_as_an_object()
    {
        var spec = SpecLoader.Parse(Valid);
        var collapse = spec.Collapse!;
        Assert.Single(collapse.Initial);
        Assert.False(collapse.Initial.AsArray);
        Assert.Equal(100, collapse.TotalRuns);
        Assert.Equal(0, collapse.SettingOf(99));
        var written = JsonNode.Parse(SpecLoader.Serialize(spec))!["collapse"]!["initial"]!;
        Assert.IsType<JsonObject>(written);
        Assert.Equal([5, 3], written["counts"]!.AsArray().Select(c => c!.GetValue<int>()));
    }

    [Fact]
    public void An_array_of_initial_settings_runs_each_R_times_with_run_r_in_setting_r_over_R()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["collapse"]!["initial"] = JsonNode.Parse("""[{"counts": [5, 3]}, {"distribution": {"name": "v", "weights": [0.25, 0.75]}, "examples": 8}]""");
        var spec = SpecLoader.Parse(json.ToJsonString());
        var collapse = spec.Collapse!;
        Assert.Equal(2, collapse.Initial.Count);
        Assert.Equal(200, collapse.TotalRuns);
        Assert.Equal((0, 0, 1, 1), (collapse.SettingOf(0), collapse.SettingOf(99), collapse.SettingOf(100), collapse.SettingOf(199)));
        Assert.Equal([5, 3], collapse.InitialCountsOf(99, 2));
        Assert.Equal([2, 6], collapse.InitialCountsOf(100, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => collapse.SettingOf(200));
        var written = JsonNode.Parse(SpecLoader.Serialize(spec))!;
        Assert.Equal(2, written["collapse"]!["initial"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("[]", "$.collapse.initial")]
    [InlineData("[{\"counts\": [5, 3]}, {\"counts\": [5, 3, 1]}]", "$.collapse.initial[1].counts")]
    [InlineData("[{\"counts\": [5, 0]}]", "$.collapse.initial[0].counts[1]")]
    [InlineData("[{\"counts\": [5, 3]}, {}]", "$.collapse.initial[1]")]
    [InlineData("[{\"counts\": [5, 3]}, {\"distribution\": {\"name\": \"v\", \"weights\": [0.99, 0.01]}, \"examples\": 10}]", "$.collapse.initial[1]")]
    [InlineData("[{\"counts\": [5, 3], \"extra\": 1}]", "$.collapse.initial[0].extra")]
    public void A_bad_setting_in_an_array_is_named_by_its_index(string initial, string expectedPath)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["collapse"]!["initial"] = JsonNode.Parse(initial);
        var errors = SpecLoader.Validate(json.ToJsonString(), out var spec);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.Path == expectedPath);
    }

    [Theory]
    [InlineData("/collapse", null, "$.collapse")]
    [InlineData("/collapse/turns", "0", "$.collapse.turns")]
    [InlineData("/collapse/turns", "1000", "$.collapse.turns")]
    [InlineData("/collapse/runs", "-2", "$.collapse.runs")]
    [InlineData("/collapse/temperature", "0", "$.collapse.temperature")]
    [InlineData("/collapse/maxTokens", "0", "$.collapse.maxTokens")]
    [InlineData("/collapse/initial", "{\"counts\": [5, 3, 1]}", "$.collapse.initial.counts")]
    [InlineData("/collapse/initial", "{\"counts\": [5, 0]}", "$.collapse.initial.counts[1]")]
    [InlineData("/collapse/initial", "{}", "$.collapse.initial")]
    [InlineData("/collapse/initial", "{\"counts\": [1, 1], \"examples\": 4}", "$.collapse.initial")]
    [InlineData("/collapse/initial", "{\"distribution\": \"D1\"}", "$.collapse.initial")]
    [InlineData("/collapse/initial", "{\"distribution\": {\"name\": \"v\", \"weights\": [0.99, 0.01]}, \"examples\": 10}", "$.collapse.initial")]
    [InlineData("/collapse/extra", "1", "$.collapse.extra")]
    [InlineData("/prompts", "10", "$.prompts")]
    [InlineData("/tasks", "[\"number.identity\", \"country.capital\"]", "$.tasks[1]")]
    public void Each_malformed_collapse_field_is_rejected_with_its_path(string pointer, string? value, string expectedPath)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        var parts = pointer.Trim('/').Split('/');
        var parent = parts[..^1].Aggregate((JsonNode)json, (node, name) => node[name]!).AsObject();
        if (value is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = JsonNode.Parse(value);
        }

        var errors = SpecLoader.Validate(json.ToJsonString(), out var spec);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.Path == expectedPath);
    }

    [Fact]
    public void Numbers_family_can_run_a_collapse_experiment_since_its_turns_repeat_questions_as_its_lines_do()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["tasks"] = JsonNode.Parse("[\"number.identity\", \"number.square\"]");

        Assert.Empty(SpecLoader.Validate(json.ToJsonString(), out var spec));
        Assert.Equal(["number.identity", "number.square"], spec!.Tasks);
    }

    [Fact]
    public void A_calibration_spec_may_not_carry_collapse_settings()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["kind"] = "calibration";
        json["distributions"] = JsonNode.Parse("[\"D1\"]");
        json["examples"] = 4;
        json["prompts"] = 2;
        Assert.Contains(SpecLoader.Validate(json.ToJsonString(), out _), e => e.Path == "$.collapse");
    }

    [Fact]
    public void A_calibration_spec_without_its_fields_names_each_missing_one()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["kind"] = "calibration";
        json.Remove("collapse");
        var paths = SpecLoader.Validate(json.ToJsonString(), out _).Select(e => e.Path).Order();
        Assert.Equal(["$.distributions", "$.examples", "$.prompts"], paths);
    }
}
