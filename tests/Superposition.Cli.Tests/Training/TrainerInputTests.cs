using System.Text.Json;
using System.Text.Json.Nodes;
using Superposition.Cli.Training;
using Superposition.Training;

namespace Superposition.Cli.Tests.Training;

public sealed class TrainerInputTests
{
    // Batch 4 and 5 warmup steps; 60 examples make sequences of about 360 bytes.
    private const string Spec = """
        {
          "version": 1,
          "name": "input",
          "family": "number",
          "tasks": ["number.identity", "number.negate", "number.increment", "number.decrement", "number.double", "number.square"],
          "regime": {"kind": "dirichlet", "alpha": 1},
          "examples": {"min": 1, "max": 60},
          "inputs": "all",
          "model": {"layers": 1, "width": 16, "heads": 2, "context": 384},
          "training": {"steps": 30, "batch": 4, "lr": 0.01, "warmupSteps": 5, "schedule": "cosine", "weightDecay": 0, "loss": "answers"},
          "heldout": 3,
          "seed": 1
        }
        """;

    private static TrainingSpec Load(string json = Spec) => TrainingSpecLoader.Parse(json);

    private static TrainingSpec Budget(string extra = "") =>
        Load(Spec.Replace("\"steps\": 30,", "\"budgetMinutes\": 2," + extra, StringComparison.Ordinal));

    private static async Task<List<JsonNode>> Lines(Func<TextWriter, Task> write)
    {
        using var writer = new StringWriter();
        await write(writer);
        return [.. writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
    }

    private static int[] Decode(JsonNode line, string field) => [.. Convert.FromBase64String(line[field]!.GetValue<string>()).Select(b => (int)b)];

    [Fact]
    public void A_byte_level_sequence_is_written_in_the_compact_form_that_decodes_back_to_its_ids_and_answer_mask()
    {
        var sequence = new TrainingSequences(Load()).Get(7, heldout: true);

        var text = TrainerInput.SequenceLine(sequence.Ids, sequence.AnswerMask, sequence.Heldout);

        var line = JsonNode.Parse(text)!;
        Assert.Equal(["ids_base64", "answer_mask_base64", "heldout"], line.AsObject().Select(p => p.Key));
        Assert.Equal(sequence.Ids, Decode(line, "ids_base64"));
        Assert.Equal(sequence.AnswerMask, Decode(line, "answer_mask_base64"));
        Assert.True(line["heldout"]!.GetValue<bool>());
        var list = JsonSerializer.Serialize(new TrainerSequenceLine(sequence.Ids, sequence.AnswerMask, sequence.Heldout), TrainerProtocol.Json);
        Assert.True(text.Length < 0.6 * list.Length, $"compact {text.Length} bytes, list {list.Length}");
    }

    [Fact]
    public void A_sequence_with_an_id_above_255_is_written_in_the_list_form()
    {
        var line = JsonNode.Parse(TrainerInput.SequenceLine([256, 51, 10], [0, 1, 1], heldout: false))!;

        Assert.Equal(["ids", "answer_mask", "heldout"], line.AsObject().Select(p => p.Key));
        Assert.Equal([256, 51, 10], line["ids"]!.AsArray().Select(i => i!.GetValue<int>()));
        Assert.Equal([0, 1, 1], line["answer_mask"]!.AsArray().Select(i => i!.GetValue<int>()));
    }

    [Fact]
    public async Task The_stream_is_the_config_then_every_training_sequence_then_the_heldout_ones_each_compact()
    {
        var spec = Load();
        var sequences = new TrainingSequences(spec);

        var lines = await Lines(w => TrainerInput.WriteAsync(w, spec, spec.ResolveSizes()[0], null, CancellationToken.None));

        Assert.Equal(1 + 120 + 3, lines.Count);
        Assert.Equal(30, lines[0]["config"]!["training"]!["steps"]!.GetValue<int>());
        Assert.Equal(sequences.Get(119, heldout: false).Ids, Decode(lines[120], "ids_base64"));
        Assert.Equal(sequences.Get(2, heldout: true).Ids, Decode(lines[123], "ids_base64"));
        Assert.True(lines[123]["heldout"]!.GetValue<bool>());
    }

    [Fact]
    public void Device_and_precision_reach_the_trainers_config_only_when_the_spec_sets_them()
    {
        string Training(TrainingSpec spec) =>
            JsonSerializer.Serialize(TrainerInput.Config(spec, spec.ResolveSizes()[0]).Training, TrainerProtocol.Json);

        Assert.DoesNotContain("device", Training(Load()), StringComparison.Ordinal);
        Assert.DoesNotContain("precision", Training(Load()), StringComparison.Ordinal);
        var set = Load(Spec.Replace("\"loss\": \"answers\"", "\"loss\": \"answers\", \"device\": \"cpu\", \"precision\": \"fp32\"", StringComparison.Ordinal));
        var training = JsonNode.Parse(Training(set))!;
        Assert.Equal(("cpu", "fp32"), (training["device"]!.GetValue<string>(), training["precision"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_budget_run_trains_its_plans_steps_on_steps_times_batch_sequences_and_records_the_plan_and_the_budget_spec_in_meta()
    {
        var spec = Budget();
        var plan = new TrainingPlan(2, 0.2, 900, 12, 24, "cpu", "fp32", "1.13.1");

        var lines = await Lines(w => TrainerInput.WriteAsync(w, spec, spec.ResolveSizes()[0], plan, CancellationToken.None));

        var config = lines[0]["config"]!;
        Assert.Equal(24, config["training"]!["steps"]!.GetValue<int>());
        Assert.Equal(1 + (24 * 4) + 3, lines.Count);
        Assert.Equal(24, config["meta"]!["plan"]!["steps"]!.GetValue<int>());
        Assert.Equal(0.2, config["meta"]!["plan"]!["measuredStepsPerSecond"]!.GetValue<double>());
        Assert.Equal(2, config["meta"]!["training_spec"]!["training"]!["budgetMinutes"]!.GetValue<double>());
        Assert.Null(config["meta"]!["training_spec"]!["training"]!["steps"]);
    }

    [Fact]
    public async Task A_measurement_reads_32_batches_of_training_sequences_with_provisional_steps_past_the_warmup_and_no_plan()
    {
        var spec = Budget();

        var lines = await Lines(w => TrainerInput.WriteMeasureAsync(w, spec, spec.ResolveSizes()[0], CancellationToken.None));

        Assert.Equal(1 + (32 * 4), lines.Count);
        Assert.Equal(5 + TrainerInput.MeasureProvisionalSteps, lines[0]["config"]!["training"]!["steps"]!.GetValue<int>());
        Assert.Null(lines[0]["config"]!["meta"]!["plan"]);
        Assert.All(lines.Skip(1), l => Assert.False(l["heldout"]!.GetValue<bool>()));

        var few = Budget() with { Sequences = 50 };
        Assert.Equal(1 + 50, (await Lines(w => TrainerInput.WriteMeasureAsync(w, few, few.ResolveSizes()[0], CancellationToken.None))).Count);
    }
}
