using System.Text.Json;
using Superposition.Specs;
using Superposition.Training;

namespace Superposition.LocalModels.Trained;

/// <summary>
/// A model trained by <c>superposition train</c> and found in the trained-models folder: its built-in name, its ONNX
/// folder and what its <c>training.json</c> recorded.
/// </summary>
/// <param name="Name">The name it resolves by: <c>&lt;sweep&gt;-&lt;size&gt;</c> for a sweep's size, <c>&lt;name&gt;</c> for a single model.</param>
/// <param name="Folder">Its folder (holds <c>training.json</c>, <c>onnx/</c>).</param>
/// <param name="Parameters">Every parameter, embeddings included (the axis of the Fig. 6-style plots).</param>
/// <param name="NonEmbeddingParameters">Parameters without the token and position embeddings (Kaplan et al.'s count).</param>
public sealed record TrainedModel(string Name, string Folder, long Parameters, long NonEmbeddingParameters)
{
    /// <summary>The file the trainer wrote beside the exports.</summary>
    public const string TrainingFile = "training.json";

    /// <summary>The ONNX folder the provider loads.</summary>
    public string OnnxFolder => Path.Combine(Folder, "onnx");

    /// <summary>The spec the model was trained on, as <c>superposition train</c> recorded it (training.json: config.meta.training_spec).</summary>
    public TrainingSpec ReadSpec() => ReadSpec(Path.Combine(Folder, TrainingFile));

    /// <summary>The spec recorded in a training.json; the exception names the file when it holds none.</summary>
    public static TrainingSpec ReadSpec(string trainingJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(trainingJson));
            var element = document.RootElement.GetProperty("config").GetProperty("meta").GetProperty("training_spec");
            return element.Deserialize<TrainingSpec>(SpecLoader.JsonOptions) ?? throw new InvalidDataException($"{trainingJson}: config.meta.training_spec is null");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{trainingJson}: no training spec recorded by superposition train in config.meta.training_spec ({e.Message})", e);
        }
    }
}
