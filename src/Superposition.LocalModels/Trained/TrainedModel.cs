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

    /// <summary>What its folder records: training.json (the spec it was trained on among it) and evaluation.json.</summary>
    public TrainingSpec ReadSpec() => ReadRecord().Spec;

    /// <summary>What its folder records; the exception names the file that is wrong.</summary>
    public TrainedModelRecord ReadRecord() => TrainedModelRecord.Read(Folder, Name);
}
