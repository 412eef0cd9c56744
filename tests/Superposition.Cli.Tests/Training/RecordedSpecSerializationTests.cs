using System.Text.Json.Nodes;
using Superposition.LocalModels.Trained;
using Superposition.Training;

namespace Superposition.Cli.Tests.Training;

/// <summary>
/// The committed models' training.json hold their spec as <see cref="TrainingSpecLoader.Serialize"/> wrote it when
/// they were trained: read and serialised again today it must give that same JSON, so fields added to the spec since
/// (a time budget, device, precision) appear only when set and a spec of before serialises as it did.
/// </summary>
public sealed class RecordedSpecSerializationTests
{
    public static TheoryData<string> Models => new(TrainedModelDirectory.Scan(TrainedModelDirectory.DefaultRoot).Models.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Models))]
    public void A_committed_models_recorded_spec_serialises_today_exactly_as_it_was_recorded(string name)
    {
        var model = TrainedModelDirectory.Scan(TrainedModelDirectory.DefaultRoot).Find(name)!;
        var recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(model.Folder, TrainedModel.TrainingFile)))!["config"]!["meta"]!["training_spec"]!;

        var today = JsonNode.Parse(TrainingSpecLoader.Serialize(model.ReadSpec()))!;

        Assert.True(JsonNode.DeepEquals(recorded, today), $"{name}: recorded {recorded.ToJsonString()}\ntoday {today.ToJsonString()}");
    }
}
