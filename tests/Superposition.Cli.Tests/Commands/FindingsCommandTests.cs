using System.Text.Json.Nodes;
using Superposition.Cli.Commands;

namespace Superposition.Cli.Tests.Commands;

[Trait(Needs.Trait, Needs.Demo)]
public sealed class FindingsCommandTests : IDisposable
{
    private static readonly string[] Models = ["train-numbers-single-l1-w16", "train-numbers-dirichlet-l1-w16"];

    private readonly string _folder = Directory.CreateTempSubdirectory("superposition-findings-").FullName;

    public FindingsCommandTests() => Needs.Require(Needs.Demo);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Out => Path.Combine(_folder, "out");

    /// <summary>The preset, cut down to the two smallest committed models and <paramref name="edit"/>, as a file.</summary>
    private string SpecFile(string preset, Action<JsonObject> edit)
    {
        var spec = JsonNode.Parse(File.ReadAllText(CliRun.Preset(preset)))!.AsObject();
        spec["models"] = new JsonArray([.. Models.Select(m => JsonValue.Create(m))]);
        edit(spec);
        var path = Path.Combine(_folder, preset);
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }

    private string Calibration => SpecFile("trained-numbers-fig6.json", s => s["prompts"] = 2);

    private string Collapse => SpecFile("trained-numbers-collapse.json", s =>
    {
        s["collapse"]!["runs"] = 3;
        s["collapse"]!["turns"] = 4;
    });

    [Fact]
    public async Task Findings_runs_both_experiments_over_the_trained_models_and_prints_and_writes_the_markdown_tables()
    {
        var run = await CliRun.Of("findings", "--calibration", Calibration, "--collapse", Collapse, "--out", Out);

        Assert.Equal(CliApp.Success, run.ExitCode);

        // 2 models × D1–D3 × 2 prompts, then 2 models × 3 starts × 3 runs, each with its wall time.
        Assert.Matches(@"trained-numbers-fig6: 12 work items \(0 already done, 12 scored now, 0 failed\) in \d+\.\d s", run.Out);
        Assert.Matches(@"trained-numbers-collapse: 18 work items \(0 already done, 18 scored now, 0 failed\) in \d+\.\d s", run.Out);

        var markdown = await File.ReadAllTextAsync(Path.Combine(Out, FindingsCommand.MarkdownFileName));
        Assert.Contains(markdown, run.Out, StringComparison.Ordinal);
        Assert.Contains("### Fig. 6 over size (`trained-numbers-fig6`)", markdown, StringComparison.Ordinal);
        Assert.Contains("### Multi-turn runs against the urns (`trained-numbers-collapse`)", markdown, StringComparison.Ordinal);
        Assert.Contains("3 runs of 4 turns per start", markdown, StringComparison.Ordinal);

        // One Fig. 6 row per model, regime and size named; one multi-turn row per model and start.
        var lines = markdown.Split('\n');
        Assert.Single(lines, l => l.StartsWith("| single-task | l1-w16 | 13,", StringComparison.Ordinal) && l.Split('|').Length == 12);
        Assert.Single(lines, l => l.StartsWith("| dirichlet | l1-w16 | 13,", StringComparison.Ordinal) && l.Split('|').Length == 12);
        Assert.Equal(2 + 6, lines.Count(l => l.StartsWith("| single-task | l1-w16 |", StringComparison.Ordinal) || l.StartsWith("| dirichlet | l1-w16 |", StringComparison.Ordinal)));

        var page = await File.ReadAllTextAsync(Path.Combine(Out, "reports", DemoCommand.TrainedSweepFolder, "index.html"));
        Assert.Contains("fig6-over-size-table", page, StringComparison.Ordinal);
        Assert.Contains("regime-contrast-table", page, StringComparison.Ordinal);

        // A second call resumes: nothing is scored again, and the same tables come out.
        var again = await CliRun.Of("findings", "--calibration", Calibration, "--collapse", Collapse, "--out", Out);
        Assert.Contains("12 work items (12 already done, 0 scored now, 0 failed)", again.Out, StringComparison.Ordinal);
        Assert.Equal(markdown, await File.ReadAllTextAsync(Path.Combine(Out, FindingsCommand.MarkdownFileName)));
    }

    [Fact]
    public async Task A_collapse_experiment_whose_beta_urn_reads_another_calibration_is_bad_input_naming_both() =>
        (await CliRun.Of("findings", "--calibration", Calibration, "--collapse", SpecFile("trained-numbers-collapse.json", s => s["collapse"]!["calibration"] = "elsewhere"), "--out", Out))
            .AssertBadInput("takes its beta-urn from 'elsewhere', not from 'trained-numbers-fig6'");

    [Fact]
    public async Task Experiments_given_the_wrong_way_round_are_bad_input() =>
        (await CliRun.Of("findings", "--calibration", Collapse, "--collapse", Calibration, "--out", Out))
            .AssertBadInput("is a collapse experiment; give a calibration experiment");
}
