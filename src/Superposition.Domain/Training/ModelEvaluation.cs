using System.Text.Json;
using System.Text.Json.Serialization;

namespace Superposition.Training;

/// <summary>
/// What <c>superposition train</c> measured on a trained model through the suite's own ONNX provider, kept in
/// <c>evaluation.json</c> beside <c>training.json</c>: the held-out loss recomputed from the ONNX graph, its
/// Bayes-optimal floor, and single-task accuracy.
/// </summary>
/// <param name="Heldout">The held-out sequences' loss.</param>
/// <param name="SingleTask">Accuracy on prompts whose examples all come from one task.</param>
public sealed record ModelEvaluation(HeldoutEvaluation Heldout, SingleTaskEvaluation SingleTask)
{
    /// <summary>The file beside training.json.</summary>
    public const string FileName = "evaluation.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Reads an evaluation.json; the exception names the file.</summary>
    public static ModelEvaluation Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelEvaluation>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file}: null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: not an evaluation written by superposition train ({e.Message})", e);
        }
    }

    /// <summary>Writes it into <paramref name="folder"/>.</summary>
    public void Write(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");
}

/// <summary>The held-out sequences' loss per scored token (the trainer's <c>loss</c> rule: answers and their newlines).</summary>
/// <param name="Sequences">Held-out sequences (the spec's seed rebuilds them).</param>
/// <param name="ScoredTokens">Tokens the loss counts.</param>
/// <param name="Loss">Mean loss per scored token from the ONNX graph, through the suite's provider.</param>
/// <param name="RecordedLoss">The trainer's held-out loss (PyTorch) from training.json; null when it recorded none.</param>
/// <param name="BayesOptimalLoss">A Bayes-optimal model's loss on the same tokens (<see cref="Training.BayesOptimalLoss"/>); null without a closed form.</param>
/// <param name="ByLine">
/// The same loss split by line, one entry per line index that occurs (<see cref="HeldoutLineLoss"/>, line 1 first);
/// null in an evaluation.json written before it was measured (JSON <c>heldout.byLine</c>).
/// </param>
public sealed record HeldoutEvaluation(int Sequences, long ScoredTokens, double Loss, double? RecordedLoss, double? BayesOptimalLoss, IReadOnlyList<HeldoutLineLoss>? ByLine = null);

/// <summary>
/// Single-task prompts (every example from one task, the family's question as in evaluation): a prompt counts as
/// correct when that task's answer (with its newline) is the single most probable of the tasks' answers.
/// </summary>
/// <param name="Query">The prompts' final question.</param>
/// <param name="Prompts">Prompts asked.</param>
/// <param name="Correct">Prompts answered correctly.</param>
/// <param name="Accuracy">Correct ÷ prompts.</param>
/// <param name="ByExamples">The same by number of examples.</param>
public sealed record SingleTaskEvaluation(string Query, int Prompts, int Correct, double Accuracy, IReadOnlyList<SingleTaskAccuracy> ByExamples);

/// <summary>Single-task accuracy at one number of examples.</summary>
public sealed record SingleTaskAccuracy(int Examples, int Prompts, int Correct, double Accuracy);
