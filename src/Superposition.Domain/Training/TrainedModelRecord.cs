using System.Text.Json;

namespace Superposition.Training;

/// <summary>
/// A trained model as its folder records it: what <c>train_gpt.py</c> wrote in <c>training.json</c> (size, budget,
/// losses, time) and what <c>superposition train</c> measured in <c>evaluation.json</c>. Pure data for reports.
/// </summary>
/// <param name="Name">The name it resolves by (<c>&lt;sweep&gt;-&lt;size&gt;</c>).</param>
/// <param name="Spec">The training spec it was trained on (its regime, tasks, budget).</param>
/// <param name="Size">The size's name within its sweep (the spec's name for a single model).</param>
/// <param name="Parameters">Every parameter, embeddings included.</param>
/// <param name="NonEmbeddingParameters">Without the token and position embeddings.</param>
/// <param name="Steps">Optimisation steps taken.</param>
/// <param name="TokensSeen">Training tokens read (padding excluded).</param>
/// <param name="TrainingSeconds">Wall-clock training time, summed over resumed sessions (exports excluded).</param>
/// <param name="FinalTrainLoss">Mean training loss over the last logged steps.</param>
/// <param name="HeldoutLoss">The trainer's last held-out loss; null without held-out sequences.</param>
/// <param name="HeldoutCurve">(step, held-out loss) pairs.</param>
/// <param name="Evaluation">evaluation.json; null when the folder has none.</param>
public sealed record TrainedModelRecord(
    string Name,
    TrainingSpec Spec,
    string Size,
    long Parameters,
    long NonEmbeddingParameters,
    int Steps,
    long TokensSeen,
    double TrainingSeconds,
    double FinalTrainLoss,
    double? HeldoutLoss,
    IReadOnlyList<(int Step, double Loss)> HeldoutCurve,
    ModelEvaluation? Evaluation)
{
    /// <summary>Reads <paramref name="folder"/>'s training.json and evaluation.json; the exception names the file that is wrong.</summary>
    public static TrainedModelRecord Read(string folder, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var file = Path.Combine(folder, "training.json");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var meta = root.GetProperty("config").GetProperty("meta");
            var spec = meta.GetProperty("training_spec").Deserialize<TrainingSpec>(Specs.SpecLoader.JsonOptions)
                ?? throw new InvalidDataException($"{file}: config.meta.training_spec is null");
            var evaluation = Path.Combine(folder, ModelEvaluation.FileName);
            return new TrainedModelRecord(
                name,
                spec,
                meta.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.String ? size.GetString()! : spec.Name,
                root.GetProperty("parameters").GetInt64(),
                root.GetProperty("non_embedding_parameters").GetInt64(),
                root.GetProperty("steps").GetInt32(),
                root.GetProperty("tokens_seen").GetInt64(),
                root.GetProperty("training_wall_s").GetDouble(),
                root.GetProperty("final_train_loss").GetDouble(),
                root.GetProperty("heldout_loss").ValueKind == JsonValueKind.Number ? root.GetProperty("heldout_loss").GetDouble() : null,
                [.. root.GetProperty("heldout_loss_curve").EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetDouble()))],
                File.Exists(evaluation) ? ModelEvaluation.Read(evaluation) : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{file}: not a training record of superposition train ({e.Message})", e);
        }
    }
}
