using System.Text.Json.Nodes;
using Superposition.Cli.Training;
using Superposition.LocalModels.Trained;
using Superposition.OnnxModel.Inference;
using Superposition.Reports;
using Superposition.Training;

namespace Superposition.Cli.Tests.Training;

/// <summary>
/// The committed trained sweeps (models/, copied beside the tests as beside every host) are the models their presets
/// describe, and still give the numbers recorded when they were trained: the ONNX graph's logits, the held-out loss,
/// its Bayes-optimal floor, single-task accuracy, and the per-line losses where the evaluation recorded them.
/// </summary>
public sealed class CommittedSweepTests
{
    private static readonly string[] Sweeps = ["train-numbers-single", "train-numbers-dirichlet"];

    public static TheoryData<string> Models => new(TrainedModelDirectory.Scan(TrainedModelDirectory.DefaultRoot).Models.Select(m => m.Name));

    [Fact]
    public void Every_size_of_both_training_presets_is_committed_with_the_exact_spec_it_was_trained_on()
    {
        var directory = TrainedModelDirectory.Scan(TrainedModelDirectory.DefaultRoot);
        foreach (var sweep in Sweeps)
        {
            var preset = TrainingSpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", "training", sweep + ".json"));
            var sizes = preset.ResolveSizes();
            Assert.True(sizes.Count >= 4, $"{sweep} has {sizes.Count} sizes");
            var parameters = new List<long>();
            foreach (var size in sizes)
            {
                var model = directory.Find($"{sweep}-{size.Name}");
                Assert.True(model is not null, $"{sweep}-{size.Name} is not committed under models/");
                var recorded = model.ReadSpec();
                Assert.Equal(TrainingSpecLoader.Serialize(preset), TrainingSpecLoader.Serialize(recorded));
                Assert.Equal(size.Parameters, model.Parameters);
                parameters.Add(model.Parameters);
            }

            // The issue's sweep: at least one order of magnitude of parameters.
            Assert.True(parameters.Max() >= 10 * parameters.Min(), $"{sweep}: {string.Join(", ", parameters)}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_committed_models_onnx_graph_still_gives_the_training_models_logits(string name)
    {
        var model = TrainedModelDirectory.Scan(TrainedModelDirectory.DefaultRoot).Find(name)!;

        var check = OnnxProbeCheck.Check(model.OnnxFolder);

        Assert.True(check.Passed, $"{name}: |Δ log p| {check.Difference} at {check.Where} > {check.Tolerance}");
        Assert.True(check.Positions > 0);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_committed_model_still_gives_its_recorded_heldout_loss_bayes_floor_single_task_accuracy_and_per_line_losses(string name)
    {
        var model = TrainedModelDirectory.Scan(TrainedModelDirectory.DefaultRoot).Find(name)!;
        var trainingJson = Path.Combine(model.Folder, TrainedModel.TrainingFile);
        var spec = model.ReadSpec();
        var trainer = JsonNode.Parse(File.ReadAllText(trainingJson))!["heldout_loss"]!.GetValue<double>();
        var recorded = ModelEvaluation.Read(Path.Combine(model.Folder, ModelEvaluation.FileName));

        using var onnx = OnnxLanguageModel.Load(model.OnnxFolder, new OnnxModelOptions(Name: null));
        var measured = TrainedModelEvaluation.Measure(spec, onnx, trainer);

        Assert.Equal(recorded.Heldout.Sequences, measured.Heldout.Sequences);
        Assert.Equal(recorded.Heldout.ScoredTokens, measured.Heldout.ScoredTokens);
        Assert.Equal(recorded.Heldout.Loss, measured.Heldout.Loss, 1e-6);
        Assert.Equal(trainer, measured.Heldout.Loss, 1e-4);
        Assert.Equal(recorded.Heldout.BayesOptimalLoss!.Value, measured.Heldout.BayesOptimalLoss!.Value, 1e-12);
        Assert.True(measured.Heldout.BayesOptimalLoss < measured.Heldout.Loss, $"{name}: a trained model below the Bayes-optimal loss means the floor is wrong");
        Assert.Equal(
            recorded.SingleTask.ByExamples.Select(a => $"{a.Examples} examples: {a.Correct} of {a.Prompts}"),
            measured.SingleTask.ByExamples.Select(a => $"{a.Examples} examples: {a.Correct} of {a.Prompts}"));

        AssertLinesAddUp(spec, measured.Heldout);

        // Evaluations written before the per-line losses existed have none; one that has them must still be given them.
        if (recorded.Heldout.ByLine is { } lines)
        {
            var again = measured.Heldout.ByLine!;
            Assert.Equal(lines.Select(l => (l.Line, l.Sequences, l.ScoredTokens)), again.Select(l => (l.Line, l.Sequences, l.ScoredTokens)));
            for (var k = 0; k < lines.Count; k++)
            {
                Assert.Equal(lines[k].Loss, again[k].Loss, 1e-6);
                Assert.Equal(lines[k].BayesOptimalLoss!.Value, again[k].BayesOptimalLoss!.Value, 1e-6);
            }
        }
    }

    [Fact]
    public void The_trained_sweep_page_of_the_committed_models_plots_per_line_losses_where_recorded_and_names_every_model_without_them()
    {
        var records = TrainedModelDirectory.Scan(TrainedModelDirectory.DefaultRoot).Models.Select(m => m.ReadRecord()).ToList();

        var html = ReportWriter.RenderTrainedSweep(records, null, null);

        // Written before the per-line losses, the committed evaluations have none until they are re-evaluated: the page
        // must then say so instead of plotting nothing; once some have them, the plot is there.
        var without = records.Where(r => r.Evaluation?.Heldout.ByLine is not { Count: > 0 }).ToList();
        Assert.Equal(without.Count < records.Count, html.Contains("<figure id=\"heldout-by-line\"", StringComparison.Ordinal));
        if (without.Count > 0)
        {
            var start = html.IndexOf("id=\"per-line-missing\"", StringComparison.Ordinal);
            Assert.True(start >= 0, "no note names the models without per-line losses");
            var note = html[start..html.IndexOf("</p>", start, StringComparison.Ordinal)];
            Assert.All(without, r => Assert.Contains($"<code>{r.Name}</code>", note, StringComparison.Ordinal));
            Assert.Contains("re-evaluation", note, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The measured per-line losses, whether or not the evaluation recorded them: line 1 to the longest held-out
    /// sequence's query, adding up to the held-out loss and to its Bayes floor; under single-task, nothing left to
    /// pay after the first line (on questions 3 to 9 no two of the six tasks give the same answer).
    /// </summary>
    private static void AssertLinesAddUp(TrainingSpec spec, HeldoutEvaluation heldout)
    {
        var lines = heldout.ByLine!;
        var longest = new TrainingSequences(spec).Heldout().Max(s => s.Lines.Count);
        Assert.Equal(Enumerable.Range(1, longest), lines.Select(l => l.Line));
        Assert.Equal(heldout.Sequences, lines[0].Sequences);
        Assert.Equal(heldout.ScoredTokens, lines.Sum(l => l.ScoredTokens));
        var loss = heldout.Loss * heldout.ScoredTokens;
        Assert.Equal(loss, lines.Sum(l => l.Sequences * l.Loss), 1e-9 * loss);
        var bayes = heldout.BayesOptimalLoss!.Value * heldout.ScoredTokens;
        Assert.Equal(bayes, lines.Sum(l => l.Sequences * l.BayesOptimalLoss!.Value), 1e-9 * bayes);
        if (spec.Regime.Kind == RegimeKind.SingleTask)
        {
            Assert.Equal(Math.Log(spec.Tasks.Count), lines[0].BayesOptimalLoss!.Value, 12);
            Assert.All(lines.Skip(1), l => Assert.Equal(0.0, l.BayesOptimalLoss!.Value));
        }
    }
}
