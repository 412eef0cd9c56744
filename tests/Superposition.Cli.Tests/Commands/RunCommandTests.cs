using System.Text.Json;
using System.Text.Json.Nodes;
using Superposition.Storage.Documents;
using Superposition.Summaries;

namespace Superposition.Cli.Tests.Commands;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class RunCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("superposition-run-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SpecFile(int prompts, params string[] models)
    {
        var spec = JsonNode.Parse(File.ReadAllText(CliRun.Preset("note-countries.json")))!.AsObject();
        spec["name"] = "cli-run";
        spec["prompts"] = prompts;
        spec["examples"] = 12;
        spec["distributions"] = new JsonArray("D1", "D2");
        spec["models"] = new JsonArray([.. models.Select(m => JsonValue.Create(m))]);
        var path = Path.Combine(_folder, "spec.json");
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }

    private string Experiment => Path.Combine(_folder, "out", "experiments", "cli-run");

    private ExperimentSummary Summary() =>
        JsonSerializer.Deserialize<ExperimentSummary>(File.ReadAllText(Path.Combine(Experiment, "summary.json")), StorageJson.Options)!;

    [Fact]
    public async Task Run_writes_every_result_and_the_summary_in_the_blob_layout_and_prints_the_table()
    {
        var run = await CliRun.Of("run", SpecFile(3, "reference-calibrated", "reference-leaky"), "--out", Path.Combine(_folder, "out"));

        Assert.Equal(CliApp.Success, run.ExitCode);
        Assert.Equal(12, Directory.GetFiles(Path.Combine(Experiment, "results"), "*.json", SearchOption.AllDirectories).Length);
        Assert.True(File.Exists(Path.Combine(Experiment, "results", "reference-leaky", "D2", "00002.json")));
        var leaky = Summary().Models.Single(m => m.Model == "reference-leaky").Distributions;
        Assert.All(leaky, d => Assert.Equal(-Math.Log(0.22), d.Terminated!.KlRaw.Mean, 3));
        // Prefix-inclusive, an answer also holds its continuations ("I" holds "Italian"): at least the same mass.
        Assert.All(leaky, d => Assert.True(d.Prefix!.KlRaw.Mean <= d.Terminated!.KlRaw.Mean + 1e-12 && d.Prefix.ValidMass.Mean >= 0.22 - 1e-12));
        Assert.Contains("12 work items: 0 already done, 12 scored now, 0 failed", run.Out, StringComparison.Ordinal);
        Assert.Contains("reference-leaky", run.Out, StringComparison.Ordinal);
        Assert.Contains(Format.Number(-Math.Log(0.22), "0.000"), run.Out, StringComparison.Ordinal);
        Assert.Contains("calibration exponent of reference-calibrated, P(answer + \\n): β = 1.000", run.Out, StringComparison.Ordinal);

        // One row per model across D1 and D2 (the paper's Fig. 6 read over size), in the table and in summary.json,
        // with the valid mass's interval: the leaky model puts 0.22 on the tasks in every prompt.
        var across = Summary().Models.Single(m => m.Model == "reference-leaky").Across!;
        Assert.Equal(-Math.Log(0.22), across.KlRaw.Mean, 3);
        Assert.Equal((0.22, 0.22, 0.22), (Math.Round(across.ValidMass.Mean, 6), Math.Round(across.ValidMass.Low, 6), Math.Round(across.ValidMass.High, 6)));
        Assert.Contains("cli-run by model: mean over D1, D2", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_run_resumes_scoring_only_missing_items_and_keeps_finished_ones()
    {
        var spec = SpecFile(3, "reference-calibrated");
        Assert.Equal(CliApp.Success, (await CliRun.Of("run", spec, "--out", Path.Combine(_folder, "out"))).ExitCode);
        var kept = Path.Combine(Experiment, "results", "reference-calibrated", "D1", "00000.json");
        var keptText = File.ReadAllText(kept);
        var keptTime = File.GetLastWriteTimeUtc(kept);
        File.Delete(Path.Combine(Experiment, "results", "reference-calibrated", "D2", "00001.json"));
        File.Delete(Path.Combine(Experiment, "results", "reference-calibrated", "D1", "00002.json"));

        var again = await CliRun.Of("run", spec, "--out", Path.Combine(_folder, "out"));

        Assert.Equal(CliApp.Success, again.ExitCode);
        Assert.Contains("6 work items: 4 already done, 2 scored now, 0 failed", again.Out, StringComparison.Ordinal);
        Assert.Equal((keptText, keptTime), (File.ReadAllText(kept), File.GetLastWriteTimeUtc(kept)));
        Assert.Equal(6, Summary().Results);
    }

    [Fact]
    public async Task Each_model_option_replaces_the_specs_models()
    {
        var run = await CliRun.Of("run", SpecFile(1, "reference-calibrated"), "--model", "reference-sharp", "--model", "reference-flat", "--out", Path.Combine(_folder, "out"));
        Assert.Equal(CliApp.Success, run.ExitCode);
        Assert.Equal(["reference-flat", "reference-sharp"], Directory.GetDirectories(Path.Combine(Experiment, "results")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cancelled_run_stops_keeps_finished_results_and_resumes_to_completion()
    {
        var spec = SpecFile(400, "reference-calibrated");
        using var stop = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var running = CliApp.RunAsync(["run", spec, "--out", Path.Combine(_folder, "out"), "--parallel", "2"], stdout, stderr, stop.Token);
        var results = Path.Combine(Experiment, "results");
        await Poll.UntilAsync(
            () => running.IsCompleted || (Directory.Exists(results) && Directory.GetFiles(results, "*.json", SearchOption.AllDirectories).Length >= 5),
            "the run to write five results");
        Assert.False(running.IsCompleted, $"the run ended before it was cancelled: {stderr}");

        await stop.CancelAsync();
        Assert.Equal(CliApp.Failure, await running);
        Assert.Contains("run the same command again to resume", stdout.ToString(), StringComparison.Ordinal);
        var finished = Directory.GetFiles(results, "*.json", SearchOption.AllDirectories);
        Assert.InRange(finished.Length, 5, 799);
        Assert.All(finished, f => JsonSerializer.Deserialize<Results.PromptResult>(File.ReadAllText(f), StorageJson.Options));

        var resumed = await CliRun.Of("run", spec, "--out", Path.Combine(_folder, "out"));
        Assert.Equal(CliApp.Success, resumed.ExitCode);
        Assert.Contains($"800 work items: {finished.Length} already done, {800 - finished.Length} scored now", resumed.Out, StringComparison.Ordinal);
    }

    private void WriteSettings(object settings) =>
        File.WriteAllText(Path.Combine(_folder, "appsettings.json"), JsonSerializer.Serialize(settings));

    private async Task<List<string>> BlobNamesAsync(string container)
    {
        var names = new List<string>();
        await foreach (var blob in azurite.Blobs.GetBlobContainerClient(container).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    [Fact]
    public async Task Run_and_score_with_an_onnx_folder_that_cannot_load_exit_1_before_any_prompt_naming_the_model_and_the_file()
    {
        var folder = Path.Combine(_folder, "broken-model");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "onnx", "gpt2-tiny-kv")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var tokenizer = Path.Combine(folder, "tokenizer.json");
        var json = JsonNode.Parse(File.ReadAllText(tokenizer))!;
        json["model"]!["type"] = "Unigram";
        File.WriteAllText(tokenizer, json.ToJsonString());
        WriteSettings(new { Superposition = new { Models = new Dictionary<string, object> { ["broken"] = new { Kind = "onnx", Path = folder } } } });

        var run = await CliRun.In(_folder, "run", SpecFile(2, "reference-calibrated"), "--model", "broken", "--out", Path.Combine(_folder, "out"));
        var score = await CliRun.In(_folder, "score", SpecFile(2, "reference-calibrated"), "--model", "broken", "--limit", "1");

        foreach (var result in new[] { run, score })
        {
            Assert.Equal(CliApp.Failure, result.ExitCode);
            var line = Assert.Single(result.Error.TrimEnd().Split('\n'));
            Assert.StartsWith("error: Model 'broken'", line, StringComparison.Ordinal);
            Assert.Contains(tokenizer, line, StringComparison.Ordinal);
            Assert.Contains("unsupported tokenizer model 'Unigram'", line, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(Experiment, "results")), "no prompt may be scored");
    }

    [Fact]
    public async Task Run_uses_a_model_configured_only_in_appsettings_json_of_the_working_directory()
    {
        // A reference-kind entry under another name, serving the leaky model: only the file says what 'my-ref' is.
        WriteSettings(new { Superposition = new { Models = new Dictionary<string, object> { ["my-ref"] = new { Kind = "reference", Model = "reference-leaky", ParameterCount = 7e9 } } } });
        var spec = SpecFile(2, "reference-calibrated");

        var run = await CliRun.In(_folder, "run", spec, "--model", "my-ref", "--out", Path.Combine(_folder, "out"));

        Assert.Equal(CliApp.Success, run.ExitCode);
        Assert.Equal(["my-ref"], Directory.GetDirectories(Path.Combine(Experiment, "results")).Select(Path.GetFileName));
        var model = Summary().Models.Single();
        Assert.Equal(("my-ref", 7e9), (model.Model, model.ParameterCount));
        Assert.All(model.Distributions, d => Assert.Equal(-Math.Log(0.22), d.Terminated!.KlRaw.Mean, 3));

        // Elsewhere, without the file, the name means nothing.
        var elsewhere = Directory.CreateTempSubdirectory("superposition-run-").FullName;
        try
        {
            (await CliRun.In(elsewhere, "run", spec, "--model", "my-ref", "--out", Path.Combine(elsewhere, "out"))).AssertBadInput("my-ref");
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task Storage_flag_writes_the_same_documents_to_blob_storage_of_the_SuperpositionStorage_setting()
    {
        WriteSettings(new Dictionary<string, string> { ["SuperpositionStorage"] = azurite.ConnectionString });
        var container = azurite.UniqueName("cli");

        var run = await CliRun.In(_folder, "run", SpecFile(2, "reference-calibrated"), "--storage", "--container", container);

        Assert.Equal(CliApp.Success, run.ExitCode);
        var names = await BlobNamesAsync(container);
        Assert.Contains("experiments/cli-run/results/reference-calibrated/D2/00001.json", names);
        Assert.Contains("experiments/cli-run/summary.json", names);
        Assert.Equal(4, names.Count(n => n.Contains("/results/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Storage_option_reads_the_connection_string_from_the_environment_variable_it_names()
    {
        // A name of this test's own, so that tests running in parallel never see each other's variable.
        var variable = "SUPERPOSITION_CLI_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, azurite.ConnectionString);
        try
        {
            var container = azurite.UniqueName("cli");
            var run = await CliRun.In(_folder, "run", SpecFile(1, "reference-calibrated"), "--storage", variable, "--container", container);

            Assert.Equal(CliApp.Success, run.ExitCode);
            Assert.Equal(2, (await BlobNamesAsync(container)).Count(n => n.Contains("/results/", StringComparison.Ordinal)));
            Assert.DoesNotContain(azurite.ConnectionString, run.Out + run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Storage_without_its_setting_is_bad_input_naming_what_to_set() =>
        (await CliRun.In(_folder, "run", SpecFile(1, "reference-calibrated"), "--storage", "NoSuchStorageSetting"))
            .AssertBadInput("the storage setting 'NoSuchStorageSetting' is not set: set it to a connection string (environment variable NoSuchStorageSetting, appsettings.json or user secrets), or, for an identity-based connection, set NoSuchStorageSetting__blobServiceUri");

    [Fact]
    public async Task Connection_string_on_the_command_line_is_bad_input_and_is_not_echoed()
    {
        var run = await CliRun.In(_folder, "run", SpecFile(1, "reference-calibrated"), "--storage", azurite.ConnectionString);
        run.AssertBadInput("--storage takes the name of the setting that holds the connection string");
        Assert.DoesNotContain("AccountKey", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trained_model_asked_a_question_it_never_saw_is_bad_input_naming_the_model_and_the_question_as_the_Functions_app_refuses_it()
    {
        using var trained = new UntaughtTrainedModel();
        WriteSettings(new { Superposition = new { TrainedModels = new { Path = trained.Root } } });
        var spec = Path.Combine(_folder, "numbers.json");
        File.WriteAllText(spec, UntaughtTrainedModel.NumbersSpec("reference-calibrated", UntaughtTrainedModel.Name));

        var fromFile = await CliRun.In(_folder, "run", spec, "--out", Path.Combine(_folder, "out"));
        var fromOption = await CliRun.In(_folder, "run", spec, "--model", UntaughtTrainedModel.Name, "--out", Path.Combine(_folder, "out"));

        foreach (var (run, source) in new[] { (fromFile, spec), (fromOption, "--model") })
        {
            run.AssertBadInput($"{source}: experiment 'numbers' asks {UntaughtTrainedModel.UnseenQuestion} as final question");
            Assert.Contains($"model '{UntaughtTrainedModel.Name}' never saw", run.Error, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_folder, "out")), "nothing may be written");
    }

    [Fact]
    public async Task Unknown_model_is_bad_input_naming_it() =>
        (await CliRun.Of("run", SpecFile(1, "reference-calibrated"), "--model", "no-such-model", "--out", Path.Combine(_folder, "out"))).AssertBadInput("no-such-model");

    [Fact]
    public async Task Out_and_storage_together_are_bad_input() =>
        (await CliRun.Of("run", SpecFile(1, "reference-calibrated"), "--out", "x", "--storage")).AssertBadInput("--out and --storage");

    [Fact]
    public async Task Another_spec_in_the_same_folder_is_bad_input()
    {
        Assert.Equal(CliApp.Success, (await CliRun.Of("run", SpecFile(1, "reference-calibrated"), "--out", Path.Combine(_folder, "out"))).ExitCode);
        (await CliRun.Of("run", SpecFile(2, "reference-calibrated"), "--out", Path.Combine(_folder, "out"))).AssertBadInput("another spec");
    }
}
