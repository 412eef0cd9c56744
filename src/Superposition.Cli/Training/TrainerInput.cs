using System.Text.Json;
using System.Text.Json.Nodes;
using Superposition.Training;

namespace Superposition.Cli.Training;

/// <summary>What <c>superposition train</c> writes on the trainer's stdin: the config line, then every sequence.</summary>
internal static class TrainerInput
{
    /// <summary>Training sequences a measurement reads: 32 batches, enough to time steps on varied lengths.</summary>
    public const int MeasureBatches = 32;

    /// <summary>
    /// Steps past the warmup in a measurement's config: the trainer needs a step count, and the rate does not depend on
    /// it, as long as the timed steps are not all warmup.
    /// </summary>
    public const int MeasureProvisionalSteps = 10_000;

    /// <summary>The config of a training run: the spec's steps, or its plan's for a time budget (then recorded in meta.plan).</summary>
    public static TrainerConfig Config(TrainingSpec spec, ModelSize size, TrainingPlan? plan = null) =>
        Config(spec, size, Steps(spec, plan), plan);

    /// <summary>The config of a measurement (<c>--measure</c>): the run's, with a provisional step count.</summary>
    public static TrainerConfig MeasureConfig(TrainingSpec spec, ModelSize size) =>
        Config(spec, size, spec.Training.WarmupSteps + MeasureProvisionalSteps, plan: null);

    /// <summary>Writes the config line, the training sequences, then the held-out ones, one JSON line each.</summary>
    public static async Task WriteAsync(TextWriter writer, TrainingSpec spec, ModelSize size, TrainingPlan? plan, CancellationToken cancellationToken)
    {
        var sequences = new TrainingSequences(spec);
        var count = spec.TrainingSequenceCountFor(Steps(spec, plan));
        await WriteLinesAsync(writer, Config(spec, size, plan), sequences.Training(count).Concat(sequences.Heldout()), cancellationToken);
    }

    /// <summary>Writes a measurement's input: its config line and the first <see cref="MeasureBatches"/> batches of training sequences.</summary>
    public static async Task WriteMeasureAsync(TextWriter writer, TrainingSpec spec, ModelSize size, CancellationToken cancellationToken)
    {
        var count = (int)Math.Min((long)spec.Training.Batch * MeasureBatches, spec.Sequences ?? int.MaxValue);
        await WriteLinesAsync(writer, MeasureConfig(spec, size), new TrainingSequences(spec).Training(count), cancellationToken);
    }

    /// <summary>
    /// One sequence line. The compact form (training/README.md) when every id is a byte, as every byte-level training
    /// sequence's is: base64 of one byte per id and per mask value, about 2.4 bytes per token instead of about 5 for
    /// JSON lists, which is what makes runs of several 10⁵ sequences cheap to stream. Otherwise the list form.
    /// </summary>
    public static string SequenceLine(int[] ids, int[] answerMask, bool heldout)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(answerMask);
        if (!ids.All(id => id is >= 0 and <= byte.MaxValue) || answerMask.Length != ids.Length || !answerMask.All(m => m is 0 or 1))
        {
            return JsonSerializer.Serialize(new TrainerSequenceLine(ids, answerMask, heldout), TrainerProtocol.Json);
        }

        var bytes = new byte[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            bytes[i] = (byte)ids[i];
        }

        var ids64 = Convert.ToBase64String(bytes);
        for (var i = 0; i < answerMask.Length; i++)
        {
            bytes[i] = (byte)answerMask[i];
        }

        // Written by hand: base64's characters need no JSON escaping, while the serializer's default encoder would
        // escape every '+' as \u002B.
        return $$"""{"ids_base64":"{{ids64}}","answer_mask_base64":"{{Convert.ToBase64String(bytes)}}","heldout":{{(heldout ? "true" : "false")}}}""";
    }

    private static int Steps(TrainingSpec spec, TrainingPlan? plan) =>
        plan?.Steps ?? spec.Training.Steps ?? throw new InvalidOperationException($"Training spec '{spec.Name}' gives a time budget: its run needs a plan.");

    private static TrainerConfig Config(TrainingSpec spec, ModelSize size, int steps, TrainingPlan? plan)
    {
        var t = spec.Training;
        var meta = new JsonObject
        {
            ["size"] = size.Name,
            ["training_spec"] = JsonNode.Parse(TrainingSpecLoader.Serialize(spec)),
        };
        if (plan is not null)
        {
            meta["plan"] = JsonNode.Parse(plan.ToJson());
        }

        return new TrainerConfig(
            new TrainerModel(size.Layers, size.Width, size.Heads, size.Context),
            new TrainerTraining(steps, t.Batch, t.Lr, t.WarmupSteps, t.Schedule, t.WeightDecay, spec.Seed, spec.Threads,
                t.CheckpointEvery, t.Loss, t.EvalEvery, t.LogEvery, t.GradClip, t.MinLrRatio, t.Device, t.Precision),
            meta);
    }

    private static async Task WriteLinesAsync(TextWriter writer, TrainerConfig config, IEnumerable<TrainingSequence> sequences, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(JsonSerializer.Serialize(new TrainerConfigLine(config), TrainerProtocol.Json));
        foreach (var sequence in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(SequenceLine(sequence.Ids, sequence.AnswerMask, sequence.Heldout));
        }

        await writer.FlushAsync(cancellationToken);
    }
}
