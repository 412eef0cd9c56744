using System.Text.Json;
using System.Text.Json.Nodes;
using Superposition.Cli;
using Superposition.Results;
using Superposition.Storage.Documents;
using Superposition.Summaries;

namespace Superposition.Tests.Commands;

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
}
