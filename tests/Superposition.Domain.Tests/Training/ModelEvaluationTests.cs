using System.Text.Json.Nodes;
using Superposition.Training;

namespace Superposition.Domain.Tests.Training;

/// <summary>evaluation.json: the per-line losses round-trip, and a file written before they existed still reads.</summary>
public sealed class ModelEvaluationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("superposition-evaluation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly SingleTaskEvaluation SingleTask = new("5", 6, 3, 0.5, [new SingleTaskAccuracy(1, 6, 3, 0.5)]);

    [Fact]
    public void The_per_line_losses_are_written_under_heldout_byLine_and_read_back_unchanged()
    {
        HeldoutLineLoss[] lines = [new(1, 4, 8, 1.75, Math.Log(6)), new(2, 4, 9, 0.25, 0), new(3, 1, 3, 0.125, null)];
        var written = new ModelEvaluation(new HeldoutEvaluation(4, 20, 0.4, 0.41, 0.3, lines), SingleTask);

        written.Write(_folder);
        var file = Path.Combine(_folder, ModelEvaluation.FileName);
        var read = ModelEvaluation.Read(file);

        Assert.Equal(lines, read.Heldout.ByLine);
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal(3, json["heldout"]!["byLine"]![2]!["line"]!.GetValue<int>());
        Assert.Equal(0.25, json["heldout"]!["byLine"]![1]!["loss"]!.GetValue<double>());
        Assert.Equal(Math.Log(6), json["heldout"]!["byLine"]![0]!["bayesOptimalLoss"]!.GetValue<double>());
    }

    [Fact]
    public void An_evaluation_json_written_before_per_line_losses_were_measured_reads_with_none()
    {
        var file = Path.Combine(_folder, ModelEvaluation.FileName);
        File.WriteAllText(file, """
            {
              "heldout": {"sequences": 256, "scoredTokens": 19646, "loss": 0.891, "recordedLoss": 0.891, "bayesOptimalLoss": 0.0233},
              "singleTask": {"query": "5", "prompts": 6, "correct": 3, "accuracy": 0.5, "byExamples": [{"examples": 1, "prompts": 6, "correct": 3, "accuracy": 0.5}]}
            }
            """);

        var read = ModelEvaluation.Read(file);

        Assert.Null(read.Heldout.ByLine);
        Assert.Equal(19646, read.Heldout.ScoredTokens);
        Assert.Equal(0.0233, read.Heldout.BayesOptimalLoss);
    }
}
