using System.Text.Json.Nodes;
using Superposition.Cli.Training;
using Superposition.LocalModels.Trained;
using Superposition.OnnxModel.Inference;
using Superposition.Training;

namespace Superposition.Cli.Tests.Training;

/// <summary>
/// The committed trained sweeps (models/, copied beside the tests as beside every host) are the models their presets
/// describe, and still give the numbers recorded when they were trained: the ONNX graph's logits, the held-out loss,
/// its Bayes-optimal floor and single-task accuracy.
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
    public void A_committed_model_still_gives_its_recorded_heldout_loss_bayes_floor_and_single_task_accuracy(string name)
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
    }
}
