using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Superposition.Cli.Training;

/// <summary>The JSON lines of training/train_gpt.py's protocol (training/README.md), in its snake_case names.</summary>
internal static class TrainerProtocol
{
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The first stdin line: <c>{"config": {...}}</c>.</summary>
internal sealed record TrainerConfigLine(TrainerConfig Config);

internal sealed record TrainerConfig(TrainerModel Model, TrainerTraining Training, JsonNode? Meta);

internal sealed record TrainerModel(int Layers, int Width, int Heads, int Context);

internal sealed record TrainerTraining(
    int Steps,
    int Batch,
    double Lr,
    int WarmupSteps,
    string Schedule,
    double WeightDecay,
    long Seed,
    int Threads,
    int CheckpointEvery,
    string Loss,
    int EvalEvery,
    int LogEvery,
    double GradClip,
    double MinLrRatio,
    string? Device,
    string? Precision);

/// <summary>One sequence line in the list form: token ids, the answer mask, and whether it is held out.</summary>
internal sealed record TrainerSequenceLine(int[] Ids, int[] AnswerMask, bool Heldout);

/// <summary>One stdout event; the fields of all events together, each present only in its events.</summary>
internal sealed record TrainerEvent
{
    public required string Event { get; init; }

    public int? Step { get; init; }

    public int? Steps { get; init; }

    public int? ResumedFrom { get; init; }

    public long? Parameters { get; init; }

    public long? NonEmbeddingParameters { get; init; }

    public int? Sequences { get; init; }

    public int? HeldoutSequences { get; init; }

    public double? Loss { get; init; }

    public double? Lr { get; init; }

    public double? TokensPerS { get; init; }

    public double? StepsPerS { get; init; }

    public int? TimedSteps { get; init; }

    public string? Device { get; init; }

    public string? Precision { get; init; }

    public double? EtaS { get; init; }

    public double? HeldoutLoss { get; init; }

    public double? FinalTrainLoss { get; init; }

    public long? TokensSeen { get; init; }

    public double? TrainingWallS { get; init; }

    public string? Reason { get; init; }

    public string? Checkpoint { get; init; }

    public string? Path { get; init; }

    public string? Torch { get; init; }

    public string? Python { get; init; }

    /// <summary>The event of a stdout line; null for a line that is not one (the script writes none, but a library might).</summary>
    public static TrainerEvent? Parse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TrainerEvent>(line, TrainerProtocol.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
