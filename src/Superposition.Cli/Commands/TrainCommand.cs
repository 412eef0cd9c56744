using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Superposition.Cli.Training;
using Superposition.OnnxModel.Folders;
using Superposition.OnnxModel.Inference;
using Superposition.Specs;
using Superposition.Training;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition train &lt;training-spec&gt; [--out models/&lt;name&gt;]</c>: validates the spec, then trains each
/// size with training/train_gpt.py (docs/training.md), resuming from a checkpoint where one exists, and checks each
/// exported ONNX folder with the suite's own loader. Exit codes: 0 trained, 1 failed (Python or PyTorch missing, a
/// corrupted checkpoint, an export that differs), 2 bad input, 130 interrupted (rerun to resume).
/// </summary>
internal static class TrainCommand
{
    /// <summary>How far (relative) the ONNX model's held-out loss may lie from the trainer's: float32 sums in two orders.</summary>
    private const double HeldoutLossTolerance = 1e-4;

    public const int Interrupted = 130;

    public static Command Create(CliConsole console, Func<IConfiguration> configuration)
    {
        var specPath = new Argument<string>("training-spec") { Description = "The training spec file (schemas/training-spec.schema.json)." };
        var output = new Option<string?>("--out") { Description = "Output folder (default models/<name>); a sweep writes <out>/<size>/." };
        var command = new Command("train", "Train a byte-level GPT-2 from scratch on the suite's task sequences (PyTorch), resumable, exported to ONNX and Hugging Face folders.")
        {
            specPath, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var spec = Load(parse.GetValue(specPath)!);
            var outFolder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine("models", spec.Name));
            TrainerLocator trainer;
            try
            {
                trainer = await UsableTrainerAsync(TrainerLocator.Candidates(configuration()), cancellationToken);
            }
            catch (TrainerUnavailableException e)
            {
                return Fail(console, e.Message);
            }

            // Read only for a budget, so that a fixed-steps run never depends on the setting.
            var measureSeconds = spec.Training.BudgetMinutes is null ? MeasureSeconds.Default : MeasureSeconds.From(configuration());
            foreach (var size in spec.ResolveSizes())
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return Interrupted;
                }

                var folder = spec.IsSweep ? Path.Combine(outFolder, size.Name!) : outFolder;
                var code = await TrainOneAsync(console, trainer, spec, size, folder, measureSeconds, cancellationToken);
                if (code != CliApp.Success)
                {
                    return code;
                }
            }

            return CliApp.Success;
        });
        return command;
    }

    private static TrainingSpec Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"training spec file '{path}' does not exist");
        }

        try
        {
            return TrainingSpecLoader.LoadFile(path);
        }
        catch (SpecValidationException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    // The first candidate whose Python has PyTorch; else the first one's problem (naming the install command).
    private static async Task<TrainerLocator> UsableTrainerAsync(IReadOnlyList<TrainerLocator> candidates, CancellationToken cancellationToken)
    {
        string? first = null;
        foreach (var candidate in candidates)
        {
            if (await TrainerRun.CheckAsync(candidate, cancellationToken) is not { } problem)
            {
                return candidate;
            }

            first ??= problem;
        }

        var tried = candidates.Count > 1 ? $" (also tried {string.Join(", ", candidates.Skip(1).Select(c => c.Python))})" : string.Empty;
        throw new TrainerUnavailableException(first + tried);
    }

    private static async Task<int> TrainOneAsync(CliConsole console, TrainerLocator trainer, TrainingSpec spec, ModelSize size, string folder, double measureSeconds, CancellationToken cancellationToken)
    {
        var title = size.Name!;
        var checkpoint = Path.Combine(folder, "checkpoint.pt");
        var resume = File.Exists(checkpoint);
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{title}: {size.Layers} layers, width {size.Width}, {size.Heads} heads, context {size.Context}: {size.Parameters:N0} parameters -> {folder}{(resume ? " (a checkpoint exists: resuming)" : "")}"));
        TrainingPlan? plan = null;
        if (spec.Training.BudgetMinutes is not null)
        {
            (plan, var code) = await TrainBudgetPlanning.PlanAsync(console, trainer, spec, size, folder, measureSeconds, cancellationToken);
            if (plan is null)
            {
                return code;
            }
        }

        var outcome = await TrainingProgress.ShowAsync(console, title,
            show => TrainerRun.RunAsync(trainer, spec, size, plan, folder, resume, show, cancellationToken));
        switch (outcome.ExitCode)
        {
            case TrainerExitCodes.Done:
                return await CheckExportAsync(console, title, spec, folder);
            case TrainerExitCodes.Interrupted:
                await console.Out.WriteLineAsync($"{title}: interrupted{(outcome.Interrupted is { Step: { } step } ? $" at step {step.ToString(CultureInfo.InvariantCulture)}" : "")}; the checkpoint keeps the progress: run the same command again to resume");
                return Interrupted;
            case TrainerExitCodes.CorruptedCheckpoint:
                return Fail(console, $"{title}: {Line(outcome.Error)} (superposition train never restarts a corrupted checkpoint from zero)");
            case TrainerExitCodes.NoTorch:
                return Fail(console, $"{title}: {Line(outcome.Error)}");
            case TrainerExitCodes.BadInput:
                return console.BadInput($"{title}: the trainer rejected its input: {Line(outcome.Error)}");
            default:
                return Fail(console, $"{title}: the trainer failed (exit {outcome.ExitCode.ToString(CultureInfo.InvariantCulture)}): {Line(outcome.Error)}");
        }
    }

    private static async Task<int> CheckExportAsync(CliConsole console, string title, TrainingSpec spec, string folder)
    {
        var onnx = Path.Combine(folder, "onnx");
        OnnxProbeCheck.Result check;
        try
        {
            check = OnnxProbeCheck.Check(onnx);
        }
        catch (Exception e) when (e is ModelFolderException or IOException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Fail(console, $"{title}: the exported ONNX folder {onnx} does not load in the suite: {e.Message}");
        }

        if (!check.Passed)
        {
            return Fail(console, string.Create(CultureInfo.InvariantCulture,
                $"{title}: the exported ONNX model differs from the training model: |Δ log p| {check.Difference:0.###e+0} at {check.Where} of {OnnxProbeCheck.ProbeFile}, over the tolerance {check.Tolerance:0.###e+0}"));
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{title}: ONNX export checked with the suite's loader: {check.Positions} probed positions within {check.Difference:0.###e+0} of the training model's log-probabilities (tolerance {check.Tolerance:0.###e+0}); wrote {folder}"));
        return await EvaluateAsync(console, title, spec, folder);
    }

    /// <summary>
    /// Measures the exported model through the suite's provider (held-out loss, its Bayes-optimal floor, single-task
    /// accuracy) into evaluation.json; the held-out loss must equal the trainer's, or the export is not the model.
    /// </summary>
    private static async Task<int> EvaluateAsync(CliConsole console, string title, TrainingSpec spec, string folder)
    {
        var recorded = TrainedModelRecord.Read(folder, title).HeldoutLoss;

        ModelEvaluation evaluation;
        using (var model = OnnxLanguageModel.Load(Path.Combine(folder, "onnx"), new OnnxModelOptions(Name: null)))
        {
            evaluation = TrainedModelEvaluation.Measure(spec, model, recorded);
        }

        evaluation.Write(folder);
        var heldout = evaluation.Heldout;
        if (recorded is { } trainer && !(Math.Abs(heldout.Loss - trainer) <= HeldoutLossTolerance * Math.Max(1, trainer)))
        {
            return Fail(console, string.Create(CultureInfo.InvariantCulture,
                $"{title}: the ONNX model's held-out loss {heldout.Loss:0.######} differs from the trainer's {trainer:0.######} by more than {HeldoutLossTolerance:0.#e+0} (relative); see {Path.Combine(folder, ModelEvaluation.FileName)}"));
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{title}: held-out loss {heldout.Loss:0.0000} through ONNX (trainer {recorded:0.0000}; Bayes-optimal {heldout.BayesOptimalLoss:0.0000}), single-task accuracy {evaluation.SingleTask.Accuracy:P1} of {evaluation.SingleTask.Prompts} prompts; wrote {ModelEvaluation.FileName}"));
        return CliApp.Success;
    }

    /// <summary>The trainer's one stderr line (<c>train_gpt: …</c>), else its last line.</summary>
    internal static string Line(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.StartsWith("train_gpt:", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "no message";
    }

    private static int Fail(CliConsole console, string message)
    {
        console.Error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        return CliApp.Failure;
    }
}
