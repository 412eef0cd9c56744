using System.Text.Json.Nodes;

namespace Superposition.Testing;

/// <summary>
/// A trained-models folder (setting <c>Superposition:TrainedModels:Path</c>) holding one model, <see cref="Name"/>,
/// trained on the six number tasks with only the example questions in its pool: it never saw 5, the final question of
/// the paper's numbers protocol. It is the committed <c>train-numbers-single/l1-w16</c> (copied beside every host under
/// models/) with that pool written in its record; its ONNX export is the committed one, so that it loads and the
/// untaught pool is its only fault. Deleted on dispose.
/// </summary>
public sealed class UntaughtTrainedModel : IDisposable
{
    /// <summary>The model's name: sweep <c>untaught</c>, size <c>l1-w16</c>.</summary>
    public const string Name = "untaught-l1-w16";

    /// <summary>The final question of the numbers protocol, which the model never saw.</summary>
    public const string UnseenQuestion = "5";

    public UntaughtTrainedModel()
    {
        Root = Directory.CreateTempSubdirectory("superposition-trained-").FullName;
        var folder = Path.Combine(Root, "untaught", "l1-w16");
        var committed = Path.Combine(AppContext.BaseDirectory, "models", "train-numbers-single", "l1-w16");
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        foreach (var file in Directory.GetFiles(Path.Combine(committed, "onnx")))
        {
            File.Copy(file, Path.Combine(folder, "onnx", Path.GetFileName(file)));
        }

        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(committed, "training.json")))!;
        var spec = record["config"]!["meta"]!["training_spec"]!;
        spec["name"] = "untaught";
        spec["inputs"] = "example-questions";
        File.WriteAllText(Path.Combine(folder, "training.json"), record.ToJsonString());
    }

    /// <summary>The trained-models folder.</summary>
    public string Root { get; }

    /// <summary>A numbers experiment (the six tasks, D1, 12 examples) asking <paramref name="models"/>, as spec JSON.</summary>
    public static string NumbersSpec(params string[] models) => new JsonObject
    {
        ["version"] = 1,
        ["name"] = "numbers",
        ["kind"] = "calibration",
        ["tasks"] = new JsonArray("number.identity", "number.negate", "number.increment", "number.decrement", "number.double", "number.square"),
        ["distributions"] = new JsonArray("D1"),
        ["examples"] = 12,
        ["prompts"] = 2,
        ["seed"] = 0,
        ["models"] = new JsonArray([.. models.Select(m => JsonValue.Create(m))]),
    }.ToJsonString();

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
