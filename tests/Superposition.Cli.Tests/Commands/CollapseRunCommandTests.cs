using System.Text.Json;
using System.Text.Json.Nodes;
using Superposition.Results;
using Superposition.Storage.Documents;
using Superposition.Summaries;

namespace Superposition.Cli.Tests.Commands;

public sealed class CollapseRunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("superposition-collapse-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Out => Path.Combine(_folder, "out");

    private string SpecFile(string preset, Action<JsonObject> edit)
    {
        var spec = JsonNode.Parse(File.ReadAllText(CliRun.Preset(preset)))!.AsObject();
        edit(spec);
        var path = Path.Combine(_folder, spec["name"]!.GetValue<string>() + ".json");
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }

    private T Document<T>(params string[] path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine([Out, "experiments", .. path])), StorageJson.Options)!;

    [Fact]
    public async Task Collapse_run_writes_one_document_per_model_and_run_and_a_summary_with_the_calibration_beta_urn()
    {
        // The calibration experiment first: the collapse summary takes each model's fitted β from it.
        var calibration = SpecFile("note-countries.json", s =>
        {
            s["prompts"] = 3;
            s["examples"] = 12;
            s["models"] = new JsonArray("reference-calibrated", "reference-sharp");
        });
        Assert.Equal(CliApp.Success, (await CliRun.Of("run", calibration, "--out", Out)).ExitCode);

        var collapse = SpecFile("collapse-note-countries.json", s =>
        {
            s["collapse"]!["runs"] = 12;
            s["collapse"]!["turns"] = 8;
            s["models"] = new JsonArray("reference-calibrated", "reference-sharp");
        });
        var run = await CliRun.Of("run", collapse, "--out", Out);

        Assert.Equal(CliApp.Success, run.ExitCode);
        Assert.Equal(24, Directory.GetFiles(Path.Combine(Out, "experiments", "collapse-note-countries", "results"), "*.json", SearchOption.AllDirectories).Length);
        var document = Document<CollapseRunResult>("collapse-note-countries", "results", "reference-sharp", "runs", "00011.json");
        Assert.Equal((11, 8), (document.Run, document.Turns.Count));
        Assert.Equal(8, document.FinalCounts.Sum() + document.OtherCount);

        var summary = Document<ExperimentSummary>("collapse-note-countries", "summary.json");
        Assert.Equal(24, summary.Results);
        var sharp = summary.Collapse!.Single(m => m.Model == "reference-sharp");
        Assert.Equal(("note-countries", 3.0), (sharp.BetaUrn!.Experiment, Math.Round(sharp.BetaUrn.Beta, 6)));
        Assert.Equal(12, sharp.Report.Observed.Runs);
        Assert.Contains("p (urn fit)", run.Out, StringComparison.Ordinal);
        Assert.Contains(SummaryTables.FitReading, run.Out, StringComparison.Ordinal);
        Assert.NotNull(sharp.Report.Dispersion);

        // A second run resumes: nothing is sampled again.
        var again = await CliRun.Of("run", collapse, "--out", Out);
        Assert.Contains("24 already done, 0 scored now", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_calibration_listing_the_tasks_in_another_order_gives_the_beta_urn_its_biases_by_task()
    {
        // reference-biased favours country.capital by ln 3 whatever the order of a spec's tasks. Its calibration
        // experiment lists capital second; the collapse experiment lists it first, and so must its beta-urn.
        var calibration = SpecFile("note-countries.json", s =>
        {
            s["tasks"] = new JsonArray("country.language", "country.capital", "country.first-letter");
            s["distributions"] = new JsonArray("D1", "D2", "D3");
            s["prompts"] = 3;
            s["examples"] = 12;
            s["models"] = new JsonArray("reference-biased");
        });
        Assert.Equal(CliApp.Success, (await CliRun.Of("run", calibration, "--out", Out)).ExitCode);
        var collapse = SpecFile("collapse-note-countries.json", s =>
        {
            s["collapse"]!["runs"] = 12;
            s["collapse"]!["turns"] = 8;
            s["models"] = new JsonArray("reference-biased");
        });

        Assert.Equal(CliApp.Success, (await CliRun.Of("run", collapse, "--out", Out)).ExitCode);

        var biased = Document<ExperimentSummary>("collapse-note-countries", "summary.json").Collapse!.Single();
        Assert.Null(biased.BetaUrnProblem);

        // Fitted biases sum to 0: capital (2/3)·ln 3, the two others −(1/3)·ln 3, in the collapse order.
        var third = Math.Log(3) / 3;
        var biases = biased.BetaUrn!.TaskBiases;
        Assert.Equal(2 * third, biases[0], 5);
        Assert.Equal(-third, biases[1], 5);
        Assert.Equal(-third, biases[2], 5);
    }

    [Fact]
    public async Task A_calibration_with_other_tasks_gives_no_beta_urn_and_the_table_says_which_tasks_differ()
    {
        var calibration = SpecFile("note-countries.json", s =>
        {
            s["tasks"] = new JsonArray("country.capital", "country.first-letter", "country.continent");
            s["prompts"] = 3;
            s["examples"] = 12;
            s["models"] = new JsonArray("reference-sharp");
        });
        Assert.Equal(CliApp.Success, (await CliRun.Of("run", calibration, "--out", Out)).ExitCode);
        var collapse = SpecFile("collapse-note-countries.json", s =>
        {
            s["collapse"]!["runs"] = 12;
            s["collapse"]!["turns"] = 8;
            s["models"] = new JsonArray("reference-sharp");
        });

        var run = await CliRun.Of("run", collapse, "--out", Out);

        Assert.Equal(CliApp.Success, run.ExitCode);
        var sharp = Document<ExperimentSummary>("collapse-note-countries", "summary.json").Collapse!.Single();
        Assert.Null(sharp.BetaUrn);
        Assert.Equal(12, sharp.Report.Observed.Runs);
        const string Expected = "no beta-urn for reference-sharp: calibration experiment 'note-countries' does not have the tasks of collapse experiment "
            + "'collapse-note-countries': it lacks task(s) country.language of collapse experiment 'collapse-note-countries'; it has task(s) "
            + "country.continent that collapse experiment 'collapse-note-countries' does not";
        Assert.Contains(Expected, run.Out, StringComparison.Ordinal);
    }
}
