using System.Globalization;
using System.Text.Json.Nodes;
using Superposition.Specs;

namespace Superposition.Domain.Tests.Specs;

/// <summary>
/// What a user reads about a bad spec is the project's own sentence, built from the failing rule, the schema's
/// limit and the value found; neither the validator's text nor the culture of the machine changes it.
/// </summary>
public sealed class SpecErrorMessageTests
{
    private const string CollapseSpec = """
        {
          "version": 1, "name": "c", "kind": "collapse", "seed": 0, "models": ["reference-calibrated"],
          "tasks": ["country.capital", "country.first-letter", "country.language"],
          "collapse": {"initial": {"distribution": {"name": "v", "weights": [0.5, 0.25, 0.125]}, "examples": 8}, "turns": 5, "runs": 10}
        }
        """;

    /// <summary>A field of the valid spec replaced, and the error it must give.</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "version", "2", "$.version", "must be 1, not 2" },
        { "name", "\"Has Spaces\"", "$.name", "\"Has Spaces\" does not match the pattern ^[a-z0-9][a-z0-9-]{0,62}$" },
        { "kind", "\"bogus\"", "$.kind", "must be one of \"calibration\", \"collapse\", not \"bogus\"" },
        { "tasks", "[\"country.capital\"]", "$.tasks", "must have at least 2 items, not 1" },
        { "tasks", "[\"country.capital\", \"country.language\", \"country.capital\"]", "$.tasks", "has the same item at [0] and [2]: each may appear once" },
        { "distributions", "[\"D4\"]", "$.distributions[0]", "must be one of \"D1\", \"D2\", \"D3\", not \"D4\"" },
        { "distributions", "[{\"name\": \"v\", \"weights\": [-0.5, 1, 0.5]}]", "$.distributions[0].weights[0]", "must be at least 0, not -0.5" },
        { "distributions", "[{\"name\": \"v\", \"weights\": [1], \"colour\": 1}]", "$.distributions[0].colour", "is not a field of this spec version" },
        { "examples", "1.5", "$.examples", "must be an integer, not 1.5" },
        { "examples", "10001", "$.examples", "must be at most 10000, not 10001" },
        { "seed", "\"zero\"", "$.seed", "must be an integer, not \"zero\"" },
        { "models", "[]", "$.models", "must have at least 1 item, not 0" },
        { "description", "\"" + new string('a', 2001) + "\"", "$.description", "must have at most 2000 characters, not 2001" },
        { "scoring", "{\"samples\": 0}", "$.scoring.samples", "must be at least 1, not 0" },
        { "extra", "1", "$.extra", "is not a field of this spec version" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_schema_problem_is_told_with_the_schemas_limit_and_the_value_found(string field, string value, string path, string message) =>
        Assert.Contains(new SpecError(path, message), Errors(field, value));

    [Fact]
    public void An_exclusive_minimum_is_told_as_greater_than()
    {
        var json = JsonNode.Parse(CollapseSpec)!.AsObject();
        json["collapse"]!["temperature"] = 0;

        Assert.Contains(new SpecError("$.collapse.temperature", "must be greater than 0, not 0"), SpecLoader.Validate(json.ToJsonString(), out _));
    }

    [Fact]
    public void A_field_required_only_by_the_kind_is_named()
    {
        var json = JsonNode.Parse(CollapseSpec)!.AsObject();
        json.Remove("collapse");

        Assert.Equal([new SpecError("$.collapse", "is required")], SpecLoader.Validate(json.ToJsonString(), out _));
    }

    [Fact]
    public void A_collapse_distribution_that_cannot_be_built_is_told_in_the_domains_words_without_the_runtimes_parameter_note()
    {
        var error = Assert.Single(SpecLoader.Validate(CollapseSpec, out _));

        Assert.Equal(new SpecError("$.collapse.initial.distribution", "Distribution 'v' weights sum to 0.875, not 1 (tolerance 1E-06)."), error);
    }

    [Fact]
    public void A_JSON_syntax_error_names_its_line_position_and_the_character_found()
    {
        Assert.Equal(
            [new SpecError("$", "not valid JSON (line 4, position 1): unexpected '}'")],
            SpecLoader.Validate("{\n  \"version\": 1,\n  \"name\": \n}", out _));
        Assert.Equal(
            [new SpecError("$", "not valid JSON (line 1, position 14): the text ends too early")],
            SpecLoader.Validate("{\"version\": 1", out _));
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("de-DE")]
    public void Every_message_is_the_same_under_another_culture(string culture)
    {
        var cases = Cases.Select(c => ((string)c[0], (string)c[1])).ToList();
        var expected = Messages(cases);

        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal("0,875", 0.875.ToString(CultureInfo.CurrentCulture));
            Assert.Equal(expected, Messages(cases));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    private static List<string> Messages(List<(string Field, string Value)> cases) =>
    [
        .. cases.SelectMany(c => Errors(c.Field, c.Value)).Select(e => e.ToString()),
        .. SpecLoader.Validate(CollapseSpec, out _).Select(e => e.ToString()),
        .. SpecLoader.Validate("{\"version\": 1", out _).Select(e => e.ToString()),
    ];

    private static IReadOnlyList<SpecError> Errors(string field, string value)
    {
        var json = JsonNode.Parse(SpecLoaderTests.Valid)!.AsObject();
        json[field] = JsonNode.Parse(value);
        return SpecLoader.Validate(json.ToJsonString(), out _);
    }
}
