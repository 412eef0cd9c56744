using System.Text.Json;
using Superposition.OnnxModel.Inference;
using Superposition.Training;

namespace Superposition.Cli.Tests.Commands;

/// <summary>
/// <c>superposition train</c> through the real command and the real trainer: needs /usr/bin/python3 with PyTorch
/// (scripts/test.sh installs python3-torch).
/// </summary>
[Trait(Needs.Trait, Needs.Python)]
public sealed class TrainCommandTests : IDisposable
{
    // A micro model: one layer of width 16 on the numbers family, 60 steps of 8 sequences, one thread.
    private const string MicroSpec = """
        {
          "version": 1,
          "name": "micro",
          "family": "number",
          "tasks": ["number.identity", "number.negate", "number.increment", "number.decrement", "number.double", "number.square"],
          "regime": {"kind": "dirichlet", "alpha": 1},
          "examples": {"min": 1, "max": 4},
          "inputs": "all",
          "model": {"layers": 1, "width": 16, "heads": 2, "context": 32},
          "training": {"steps": 60, "batch": 8, "lr": 0.01, "warmupSteps": 5, "schedule": "cosine", "weightDecay": 0, "loss": "answers", "logEvery": 10},
          "heldout": 8,
          "seed": 1,
          "threads": 1
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("superposition-train-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SpecFile(string text = MicroSpec)
    {
        var path = Path.Combine(_folder, "micro.json");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// A working directory whose appsettings.json points the trainer at <paramref name="python"/>, and makes a time
    /// budget's measurement last 1 s instead of 15.
    /// </summary>
    private string WorkingDirectory(string python)
    {
        Needs.Require(Needs.Python);
        var directory = Directory.CreateDirectory(Path.Combine(_folder, "cwd")).FullName;
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), JsonSerializer.Serialize(new { Superposition = new { Training = new { Python = python, MeasureSeconds = 1 } } }));
        return directory;
    }

    private static string Budget(string minutes) => MicroSpec.Replace("\"steps\": 60,", $"\"budgetMinutes\": {minutes},", StringComparison.Ordinal);

    [Fact]
    public async Task A_micro_training_shows_progress_lowers_the_loss_and_exports_an_onnx_folder_the_suite_loads_equal_to_the_probe()
    {
        var output = Path.Combine(_folder, "out");
        var run = await CliRun.In(WorkingDirectory("/usr/bin/python3"), "train", SpecFile(), "--out", output);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("micro: step 10/60  loss ", run.Out, StringComparison.Ordinal);
        Assert.Contains("micro: step 60/60  loss ", run.Out, StringComparison.Ordinal);
        Assert.Contains("tokens/s  ETA ", run.Out, StringComparison.Ordinal);
        Assert.Contains("micro: ONNX export checked with the suite's loader", run.Out, StringComparison.Ordinal);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "training.json")));
        var curve = metrics.RootElement.GetProperty("train_loss_curve").EnumerateArray().Select(p => p[1].GetDouble()).ToList();
        Assert.Equal(6, curve.Count);
        Assert.True(curve[^1] < curve[0] - 1, $"the loss should fall by more than 1 nat: {string.Join(", ", curve)}");
        Assert.Equal("micro", metrics.RootElement.GetProperty("config").GetProperty("meta").GetProperty("size").GetString());

        // The suite's loader, independently of the command's check: every position of the probe's first case.
        using var model = OnnxLanguageModel.Load(Path.Combine(output, "onnx"));
        using var probe = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "onnx", "probe.json")));
        var first = probe.RootElement.GetProperty("cases")[0];
        var ids = first.GetProperty("input_ids").EnumerateArray().Select(i => i.GetInt32()).ToArray();
        var scored = model.Score([ids])[0];
        var rows = first.GetProperty("logits").EnumerateArray().ToList();
        Assert.Equal(ids.Length, rows.Count);
        for (var p = 0; p + 1 < ids.Length; p++)
        {
            var logits = rows[p].EnumerateArray().Select(l => l.GetDouble()).ToArray();
            var softmax = logits.Select(l => Math.Exp(l - logits.Max())).ToArray();
            var expected = softmax[ids[p + 1]] / softmax.Sum();
            Assert.Equal(expected, Math.Exp(scored.Tokens[p + 1].Logprob!.Value), 5);
        }

        // evaluation.json: the ONNX graph's held-out loss is the trainer's, above its Bayes-optimal floor, and single-task
        // prompts stop at the spec's 4 examples (longer ones would not fit the 32-token context).
        var evaluation = ModelEvaluation.Read(Path.Combine(output, ModelEvaluation.FileName));
        Assert.Equal(metrics.RootElement.GetProperty("heldout_loss").GetDouble(), evaluation.Heldout.Loss, 1e-4);
        Assert.Equal(8, evaluation.Heldout.Sequences);
        Assert.Equal(8, evaluation.Heldout.ByLine![0].Sequences);
        Assert.Equal(evaluation.Heldout.ScoredTokens, evaluation.Heldout.ByLine.Sum(l => l.ScoredTokens));
        Assert.True(evaluation.Heldout.BayesOptimalLoss < evaluation.Heldout.Loss);
        Assert.Equal([1, 2], evaluation.SingleTask.ByExamples.Select(a => a.Examples));
        Assert.Equal(6 * 5 * 2, evaluation.SingleTask.Prompts);

        // Running the same command again resumes from the final checkpoint (no step is trained twice).
        var again = await CliRun.In(WorkingDirectory("/usr/bin/python3"), "train", SpecFile(), "--out", output);
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Contains("resuming from the checkpoint at step 60", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("step 10/60", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_trains_each_size_in_turn_into_its_own_folder()
    {
        var output = Path.Combine(_folder, "sweep");
        var spec = MicroSpec
            .Replace("\"model\": {\"layers\": 1, \"width\": 16, \"heads\": 2, \"context\": 32}",
                "\"sizes\": [{\"name\": \"w8\", \"layers\": 1, \"width\": 8, \"heads\": 2, \"context\": 32}, {\"name\": \"w16\", \"layers\": 1, \"width\": 16, \"heads\": 2, \"context\": 32}]", StringComparison.Ordinal)
            .Replace("\"steps\": 60", "\"steps\": 10", StringComparison.Ordinal);
        var run = await CliRun.In(WorkingDirectory("/usr/bin/python3"), "train", SpecFile(spec), "--out", output);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        long Parameters(string size)
        {
            Assert.True(File.Exists(Path.Combine(output, size, "onnx", "model.onnx")));
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, size, "training.json")));
            return metrics.RootElement.GetProperty("parameters").GetInt64();
        }

        Assert.True(Parameters("w16") > Parameters("w8"));
        Assert.True(run.Out.IndexOf("w8: ONNX export checked", StringComparison.Ordinal) < run.Out.IndexOf("w16: step 10/10", StringComparison.Ordinal));
    }

    // 100,000 steps that would take hours: the test stops them at the first progress line.
    [Fact]
    public async Task Ctrl_c_is_forwarded_so_the_trainer_checkpoints_and_the_command_exits_130_saying_how_to_resume()
    {
        var output = Path.Combine(_folder, "out");
        using var stdout = new SignallingWriter("micro: step ");
        using var stderr = new StringWriter();
        using var cancellation = new CancellationTokenSource();
        var running = CliApp.RunAsync(["train", SpecFile(MicroSpec.Replace("\"steps\": 60", "\"steps\": 100000", StringComparison.Ordinal).Replace("\"heldout\": 8", "\"heldout\": 8, \"sequences\": 480", StringComparison.Ordinal)), "--out", output],
            stdout, stderr, WorkingDirectory("/usr/bin/python3"), cancellation.Token);

        await stdout.Seen.WaitAsync(TimeSpan.FromSeconds(120));
        await cancellation.CancelAsync();
        var code = await running.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(code == 130, stdout + stderr.ToString());
        Assert.Contains("the checkpoint keeps the progress: run the same command again to resume", stdout.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "checkpoint.pt")));
        Assert.False(Directory.Exists(Path.Combine(output, "onnx")));
    }

    // 3 seconds of steps: the micro model trains tens of steps a second even on a loaded CPU, so the plan is well over
    // its 5 warmup steps and trains in seconds.
    [Fact]
    public async Task A_time_budget_is_measured_planned_into_plan_json_and_meta_and_a_rerun_resumes_the_same_steps_without_measuring()
    {
        var output = Path.Combine(_folder, "out");
        var run = await CliRun.In(WorkingDirectory("/usr/bin/python3"), "train", SpecFile(Budget("0.05")), "--out", output);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var planFile = Path.Combine(output, TrainingPlan.FileName);
        var planText = await File.ReadAllTextAsync(planFile);
        var plan = TrainingPlan.Read(output)!;
        Assert.Equal((0.05, "cpu", "fp32"), (plan.BudgetMinutes, plan.Device, plan.Precision));
        Assert.True(plan.TimedSteps >= 5, $"{plan.TimedSteps} timed steps");
        Assert.Equal((int)Math.Floor(0.05 * 60 * plan.MeasuredStepsPerSecond), plan.Steps);
        Assert.Contains("micro: measuring steps per second for the 0.05-minute budget (at least 1 s)", run.Out, StringComparison.Ordinal);
        Assert.Contains($"micro: plan: {plan.Steps:N0} steps for 0.05 minutes at ", run.Out, StringComparison.Ordinal);

        // training.json: the plan's steps were trained, the plan is in meta, and the spec there is the budget's.
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "training.json"))))
        {
            var root = metrics.RootElement;
            Assert.Equal(plan.Steps, root.GetProperty("steps").GetInt32());
            var meta = root.GetProperty("config").GetProperty("meta");
            Assert.Equal(plan, meta.GetProperty("plan").Deserialize<TrainingPlan>(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            Assert.Equal(0.05, meta.GetProperty("training_spec").GetProperty("training").GetProperty("budgetMinutes").GetDouble());
            Assert.Equal(plan.Steps, root.GetProperty("config").GetProperty("training").GetProperty("steps").GetInt32());
        }

        Assert.Contains($"micro: step {plan.Steps}/{plan.Steps}", run.Out, StringComparison.Ordinal);

        var again = await CliRun.In(WorkingDirectory("/usr/bin/python3"), "train", SpecFile(Budget("0.05")), "--out", output);
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.DoesNotContain("measuring steps per second", again.Out, StringComparison.Ordinal);
        Assert.Contains("(resumed: not measured again)", again.Out, StringComparison.Ordinal);
        Assert.Contains($"resuming from the checkpoint at step {plan.Steps}", again.Out, StringComparison.Ordinal);
        Assert.Equal(planText, await File.ReadAllTextAsync(planFile));
    }

    [Fact]
    public async Task A_budget_that_buys_no_more_steps_than_the_warmup_is_bad_input_naming_the_budget_and_the_rate_and_plans_nothing()
    {
        // 0.00001 minutes is 0.6 ms: no more than the 5 warmup steps below 8,000 steps/s.
        var output = Path.Combine(_folder, "out");
        var run = await CliRun.In(WorkingDirectory("/usr/bin/python3"), "train", SpecFile(Budget("0.00001")), "--out", output);

        run.AssertBadInput("micro: $.training.budgetMinutes: 0.00001 minutes at the measured ");
        Assert.Contains("no more than the 5 warmup steps", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, TrainingPlan.FileName)));
        Assert.False(File.Exists(Path.Combine(output, "checkpoint.pt")));
    }

    [Fact]
    public async Task A_plan_json_of_another_budget_is_bad_input_and_is_kept()
    {
        var output = Directory.CreateDirectory(Path.Combine(_folder, "out")).FullName;
        var other = new TrainingPlan(7, 10, 2000, 50, 4200, "cpu", "fp32", "1.13.1");
        other.Write(output);

        var run = await CliRun.In(WorkingDirectory("/usr/bin/python3"), "train", SpecFile(Budget("0.05")), "--out", output);

        run.AssertBadInput("micro: " + Path.Combine(output, TrainingPlan.FileName) + " planned 4200 steps for a budget of 7 minutes, but $.training.budgetMinutes is 0.05");
        Assert.Equal(other, TrainingPlan.Read(output));
    }

    [Fact]
    public async Task A_python_setting_that_does_not_exist_fails_with_one_line_naming_the_install_command()
    {
        var run = await CliRun.In(WorkingDirectory("/no/such/python3"), "train", SpecFile(), "--out", Path.Combine(_folder, "out"));
        Assert.Equal(CliApp.Failure, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("/no/such/python3", line, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y python3-torch", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
    }

    [Fact]
    public async Task A_corrupted_checkpoint_is_reported_and_never_restarted_from_zero()
    {
        var output = Directory.CreateDirectory(Path.Combine(_folder, "out")).FullName;
        var checkpoint = Path.Combine(output, "checkpoint.pt");
        await File.WriteAllTextAsync(checkpoint, "SUPERPOSITION-CHECKPOINT 1\nnot a hash\ngarbage");

        var run = await CliRun.In(WorkingDirectory("/usr/bin/python3"), "train", SpecFile(), "--out", output);

        Assert.Equal(CliApp.Failure, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("corrupted", line, StringComparison.Ordinal);
        Assert.Contains("never restarts a corrupted checkpoint from zero", line, StringComparison.Ordinal);
        Assert.Contains("a checkpoint exists: resuming", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("step 10/60", run.Out, StringComparison.Ordinal);
        Assert.Equal("SUPERPOSITION-CHECKPOINT 1\nnot a hash\ngarbage", await File.ReadAllTextAsync(checkpoint));
        Assert.False(Directory.Exists(Path.Combine(output, "onnx")));
    }

    [Fact]
    public async Task A_training_spec_with_an_unknown_task_is_bad_input_naming_the_field_before_python_runs()
    {
        var run = await CliRun.In(WorkingDirectory("/no/such/python3"), "train", SpecFile(MicroSpec.Replace("number.square", "number.cube", StringComparison.Ordinal)));
        run.AssertBadInput("$.tasks[5]: unknown task id 'number.cube'");
    }

    [Fact]
    public async Task A_context_too_short_is_bad_input_naming_the_field_and_the_longest_sequence()
    {
        var run = await CliRun.In(WorkingDirectory("/no/such/python3"), "train", SpecFile(MicroSpec.Replace("\"context\": 32", "\"context\": 20", StringComparison.Ordinal)));
        run.AssertBadInput("$.model.context: 20 positions are too few: the longest sequence this spec can produce has 30 tokens");
    }

    /// <summary>A captured stdout that completes <see cref="Seen"/> once a written line contains a text.</summary>
    private sealed class SignallingWriter(string text) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();

        public Task Seen => _seen.Task;

        public override void WriteLine(string? value)
        {
            lock (_lock)
            {
                base.WriteLine(value);
            }

            if (value?.Contains(text, StringComparison.Ordinal) == true)
            {
                _seen.TrySetResult();
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return base.ToString();
            }
        }
    }
}
