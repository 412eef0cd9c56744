using System.Text.Json;

namespace Superposition.Cli.Tests.Commands;

public sealed class KlCommandTests
{
    [Fact]
    public async Task Kl_json_reports_raw_normalised_mass_and_equal_KL_examples()
    {
        var run = await CliRun.Of("kl", "--target", "0.5,0.25,0.25", "--model", "0.11,0.055,0.055", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(-Math.Log(0.22), root.GetProperty("klRaw").GetDouble(), 9);
        Assert.Equal(0, root.GetProperty("klNormalized").GetDouble(), 9);
        Assert.Equal(0.22, root.GetProperty("validMass").GetDouble(), 9);
        var examples = root.GetProperty("examples").EnumerateArray().ToList();
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.Equal(-Math.Log(0.22), e.GetProperty("kl").GetDouble(), 6));
    }

    [Fact]
    public async Task Kl_of_a_zero_probability_is_written_as_Infinity_never_NaN()
    {
        var run = await CliRun.Of("kl", "-t", "0.5,0.5", "-m", "0,1", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"klRaw\": \"Infinity\"", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kl_table_shows_the_three_numbers()
    {
        var run = await CliRun.Of("kl", "-t", "0.5,0.5", "-m", "0.25,0.25");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0.6931", run.Out, StringComparison.Ordinal); // KL_raw = -log 0.5
        Assert.Contains("0.5000", run.Out, StringComparison.Ordinal); // valid mass
    }

    [Theory]
    [InlineData(new[] { "kl", "-t", "0.5,abc", "-m", "0.5,0.5" }, "--target: item 2 ('abc')")]
    [InlineData(new[] { "kl", "-t", "0.5,0.5", "-m", "0.5" }, "one per task")]
    [InlineData(new[] { "kl", "-t", "0.5,0.6", "-m", "0.5,0.5" }, "--target")]
    [InlineData(new[] { "kl", "-t", "0.5,0.5", "-m", "-0.5,0.5" }, "--model")]
    [InlineData(new[] { "kl", "-t", "0.5,0.5" }, "--model")]
    public async Task Bad_numbers_are_bad_input_naming_the_option(string[] args, string expected) =>
        (await CliRun.Of(args)).AssertBadInput(expected);
}
