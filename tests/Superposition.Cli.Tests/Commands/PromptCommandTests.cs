using System.Text.Json;

namespace Superposition.Cli.Tests.Commands;

public sealed class PromptCommandTests
{
    [Fact]
    public async Task Prompt_prints_sixty_example_lines_then_the_question_and_a_candidates_table()
    {
        var run = await CliRun.Of("prompt", CliRun.Preset("fig6-numbers.json"));
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.All(lines.Take(60), l => Assert.Matches(@"^\d->-?\d+$", l));
        Assert.Matches(@"^\d->$", lines[60]);
        Assert.Contains("number.square", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Prompt_json_has_the_text_examples_question_and_candidates_that_agree_with_each_other()
    {
        var run = await CliRun.Of("prompt", CliRun.Preset("fig6-countries.json"), "--distribution", "D2", "--prompt-index", "7", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var examples = root.GetProperty("examples").EnumerateArray().ToList();
        Assert.Equal(60, examples.Count);
        Assert.Equal(30, examples.Count(e => e.GetProperty("task").GetString() == "country.uppercase"));
        var question = root.GetProperty("question").GetString()!;
        var expectedText = string.Concat(examples.Select(e => e.GetProperty("question").GetString() + "->" + e.GetProperty("answer").GetString() + "\n")) + question + "->";
        Assert.Equal(expectedText, root.GetProperty("prompt").GetString());
        var candidates = root.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(6, candidates.Count);
        Assert.Equal(question.ToUpperInvariant(), candidates.Single(c => c.GetProperty("task").GetString() == "country.uppercase").GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Prompt_index_selects_a_different_prompt()
    {
        var first = await CliRun.Of("prompt", CliRun.Preset("fig6-countries.json"), "-i", "0", "--json");
        var second = await CliRun.Of("prompt", CliRun.Preset("fig6-countries.json"), "-i", "1", "--json");
        Assert.NotEqual(first.Out, second.Out);
    }

    [Fact]
    public async Task A_missing_spec_file_is_bad_input_naming_the_file() =>
        (await CliRun.Of("prompt", "no-such-spec.json")).AssertBadInput("no-such-spec.json");

    [Fact]
    public async Task An_invalid_spec_is_bad_input_naming_the_field_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-spec-{Guid.NewGuid():N}.json");
        var text = (await File.ReadAllTextAsync(CliRun.Preset("fig6-numbers.json"))).Replace("\"examples\": 60", "\"examples\": -3", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text);
        try
        {
            (await CliRun.Of("prompt", path)).AssertBadInput("$.examples");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_unknown_distribution_is_bad_input_listing_the_specs_distributions() =>
        (await CliRun.Of("prompt", CliRun.Preset("fig6-numbers.json"), "--distribution", "D9")).AssertBadInput("D1, D2, D3");

    [Fact]
    public async Task A_prompt_index_beyond_the_spec_is_bad_input() =>
        (await CliRun.Of("prompt", CliRun.Preset("fig6-numbers.json"), "--prompt-index", "100")).AssertBadInput("0..99");

    [Fact]
    public async Task A_non_numeric_prompt_index_is_bad_input() =>
        (await CliRun.Of("prompt", CliRun.Preset("fig6-numbers.json"), "--prompt-index", "two")).AssertBadInput("two");

    [Fact]
    public async Task An_unknown_command_is_bad_input() =>
        (await CliRun.Of("frobnicate")).AssertBadInput("frobnicate");

    [Fact]
    public async Task Prompt_of_a_collapse_experiment_shows_how_a_run_starts()
    {
        var run = await CliRun.Of("prompt", CliRun.Preset("collapse-note-countries.json"), "--prompt-index", "3", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal([4, 4, 4], json.RootElement.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(13, json.RootElement.GetProperty("prompt").GetString()!.Split('\n').Length);
        (await CliRun.Of("prompt", CliRun.Preset("collapse-note-countries.json"), "--prompt-index", "200")).AssertBadInput("0..199");
    }
}
