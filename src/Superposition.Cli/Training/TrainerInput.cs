using System.Text.Json;
using System.Text.Json.Nodes;
using Superposition.Training;

namespace Superposition.Cli.Training;

/// <summary>What <c>superposition train</c> writes on the trainer's stdin: the config line, then every sequence.</summary>
internal static class TrainerInput
{
    public static TrainerConfig Config(TrainingSpec spec, ModelSize size)
    {
        var t = spec.Training;
        var meta = new JsonObject
        {
            ["size"] = size.Name,
            ["training_spec"] = JsonNode.Parse(TrainingSpecLoader.Serialize(spec)),
        };
        return new TrainerConfig(
            new TrainerModel(size.Layers, size.Width, size.Heads, size.Context),
            new TrainerTraining(t.Steps, t.Batch, t.Lr, t.WarmupSteps, t.Schedule, t.WeightDecay, spec.Seed, spec.Threads,
                t.CheckpointEvery, t.Loss, t.EvalEvery, t.LogEvery, t.GradClip, t.MinLrRatio),
            meta);
    }

    /// <summary>Writes the config line, the training sequences, then the held-out ones, one JSON line each.</summary>
    public static async Task WriteAsync(TextWriter writer, TrainingSpec spec, ModelSize size, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(JsonSerializer.Serialize(new TrainerConfigLine(Config(spec, size)), TrainerProtocol.Json));
        var sequences = new TrainingSequences(spec);
        foreach (var sequence in sequences.Training().Concat(sequences.Heldout()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = new TrainerSequenceLine(sequence.Ids, sequence.AnswerMask, sequence.Heldout);
            await writer.WriteLineAsync(JsonSerializer.Serialize(line, TrainerProtocol.Json));
        }

        await writer.FlushAsync(cancellationToken);
    }
}
