using System.Text.Json.Nodes;
using Superposition.Specs;

namespace Superposition.Domain.Tests.Specs;

public sealed class PolyaSpecTests
{
    private const string Valid = """
        {
          "version": 1,
          "name": "polya-test",
          "kind": "calibration",
          "tasks": ["country.capital", "country.first-letter"],
          "distributions": ["D1"],
          "examples": 6,
          "prompts": 2,
          "seed": 1,
          "models": ["reference-calibrated"],
          "polya": {"alpha": 0.5}
        }
        """;

    [Fact]
    public void A_polya_alpha_is_read_and_written_back()
    {
        var spec = SpecLoader.Parse(Valid);
        Assert.Equal(0.5, spec.Polya!.Alpha);
        Assert.Equal(0.5, SpecLoader.Parse(SpecLoader.Serialize(spec)).Polya!.Alpha);
    }

    [Fact]
    public void A_spec_without_polya_has_no_comparison_and_writes_no_polya_field()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json.Remove("polya");
        var spec = SpecLoader.Parse(json.ToJsonString());
        Assert.Null(spec.Polya);
        Assert.DoesNotContain("\"polya\"", SpecLoader.Serialize(spec), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"alpha\": 0}", "$.polya.alpha")]
    [InlineData("{\"alpha\": -1}", "$.polya.alpha")]
    [InlineData("{\"alpha\": \"NaN\"}", "$.polya.alpha")]
    [InlineData("{\"alpha\": null}", "$.polya.alpha")]
    [InlineData("{}", "$.polya.alpha")]
    [InlineData("{\"alpha\": 1, \"beta\": 2}", "$.polya.beta")]
    [InlineData("2", "$.polya")]
    public void A_bad_polya_is_a_spec_error_naming_its_path(string polya, string expectedPath)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["polya"] = JsonNode.Parse(polya);
        var errors = SpecLoader.Validate(json.ToJsonString(), out var spec);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.Path == expectedPath);
    }

    [Fact]
    public void A_missing_alpha_says_it_is_required()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["polya"] = new JsonObject();
        var error = Assert.Single(SpecLoader.Validate(json.ToJsonString(), out _));
        Assert.Equal("$.polya.alpha: is required", error.ToString());
    }
}
