using System.Text.Json;
using System.Text.Json.Serialization;
using Superposition.Distributions;
using Superposition.LanguageModels;
using Superposition.Prompts;
using Superposition.Training;

namespace Superposition.Cli.Training;

/// <summary>
/// What <c>superposition train</c> measures on a trained model through the suite's own ONNX provider, written to
/// <c>evaluation.json</c> beside <c>training.json</c>: the held-out loss recomputed from the ONNX graph (it must
/// equal the trainer's), the Bayes-optimal loss on the same sequences (the floor), and single-task accuracy. The
/// committed sweep's tests recompute it and compare, so a change anywhere from the sequences to the provider shows.
/// </summary>
/// <param name="Heldout">The held-out sequences' loss.</param>
/// <param name="SingleTask">Accuracy on prompts whose examples all come from one task.</param>
internal sealed record TrainedModelEvaluation(HeldoutEvaluation Heldout, SingleTaskEvaluation SingleTask)
{
    /// <summary>The file beside training.json.</summary>
    public const string FileName = "evaluation.json";

    /// <summary>Example counts of the single-task prompts: from one example to the Fig. 6 protocol's 60.</summary>
    public static readonly IReadOnlyList<int> SingleTaskExamples = [1, 2, 5, 10, 30, 60];

    /// <summary>Single-task prompts per task and example count.</summary>
    public const int SingleTaskPrompts = 5;

    /// <summary>The seed of the single-task prompts (fixed: every model is asked the same prompts).</summary>
    public const int SingleTaskSeed = 14;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>Measures <paramref name="model"/> (trained on <paramref name="spec"/>'s sequences).</summary>
    public static TrainedModelEvaluation Measure(TrainingSpec spec, ILanguageModel model, double? recordedHeldoutLoss)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        return new TrainedModelEvaluation(MeasureHeldout(spec, model, recordedHeldoutLoss), MeasureSingleTask(spec, model));
    }

    /// <summary>Reads an evaluation.json.</summary>
    public static TrainedModelEvaluation Read(string file) =>
        JsonSerializer.Deserialize<TrainedModelEvaluation>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file}: empty");

    /// <summary>Writes it into <paramref name="folder"/>.</summary>
    public void Write(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    private static HeldoutEvaluation MeasureHeldout(TrainingSpec spec, ILanguageModel model, double? recorded)
    {
        double loss = 0, bayes = 0;
        long tokens = 0;
        var sequences = 0;
        var bayesKnown = true;
        foreach (var batch in new TrainingSequences(spec).Heldout().Chunk(8))
        {
            var scored = model.Score([.. batch.Select(s => (IReadOnlyList<int>)s.Ids)]);
            for (var b = 0; b < batch.Length; b++)
            {
                var mask = batch[b].AnswerMask;
                for (var j = 1; j < mask.Length; j++)
                {
                    if (mask[j] == 1)
                    {
                        loss -= scored[b].Tokens[j].Logprob!.Value;
                        tokens++;
                    }
                }

                if (BayesOptimalLoss.Of(spec, batch[b]) is { } floor)
                {
                    bayes += floor;
                }
                else
                {
                    bayesKnown = false;
                }

                sequences++;
            }
        }

        return new HeldoutEvaluation(sequences, tokens, tokens == 0 ? double.NaN : loss / tokens, recorded, bayesKnown && tokens > 0 ? bayes / tokens : null);
    }

    private static SingleTaskEvaluation MeasureSingleTask(TrainingSpec spec, ILanguageModel model)
    {
        var generator = PromptGenerator.ForTaskIds(spec.Tasks);
        var byExamples = new List<SingleTaskAccuracy>();
        string? query = null;
        foreach (var examples in SingleTaskExamples.Where(n => n <= generator.MaxExamples))
        {
            var correct = 0;
            var prompts = 0;
            for (var t = 0; t < spec.Tasks.Count; t++)
            {
                var onlyTask = Distribution.Create($"only-{spec.Tasks[t]}", [.. spec.Tasks.Select((_, i) => i == t ? 1.0 : 0.0)]);
                foreach (var prompt in generator.GenerateMany(onlyTask, examples, SingleTaskPrompts, SingleTaskSeed))
                {
                    query ??= prompt.Question;
                    var text = model.Tokenizer.Encode(prompt.Text);
                    var sequences = prompt.Candidates.Select(c => (IReadOnlyList<int>)[.. text, .. model.Tokenizer.Encode(c.Answer + "\n")]).ToList();
                    var scored = model.Score(sequences);
                    var logProbabilities = scored.Select(s => s.Tokens.Skip(text.Length).Sum(token => token.Logprob!.Value)).ToArray();
                    var best = logProbabilities.Max();
                    var winners = Enumerable.Range(0, logProbabilities.Length).Where(i => logProbabilities[i] == best).ToList();
                    correct += winners.Count == 1 && prompt.Candidates[winners[0]].Task == spec.Tasks[t] ? 1 : 0;
                    prompts++;
                }
            }

            byExamples.Add(new SingleTaskAccuracy(examples, prompts, correct, (double)correct / prompts));
        }

        var total = byExamples.Sum(a => a.Prompts);
        var right = byExamples.Sum(a => a.Correct);
        return new SingleTaskEvaluation(query ?? "", total, right, (double)right / total, byExamples);
    }
}

/// <summary>The held-out sequences' loss per scored token (the trainer's <c>loss</c> rule: answers and their newlines).</summary>
/// <param name="Sequences">Held-out sequences (the spec's seed rebuilds them).</param>
/// <param name="ScoredTokens">Tokens the loss counts.</param>
/// <param name="Loss">Mean loss per scored token from the ONNX graph, through the suite's provider.</param>
/// <param name="RecordedLoss">The trainer's held-out loss (PyTorch) from training.json; null when it recorded none.</param>
/// <param name="BayesOptimalLoss">A Bayes-optimal model's loss on the same tokens (<see cref="Superposition.Training.BayesOptimalLoss"/>); null without a closed form.</param>
internal sealed record HeldoutEvaluation(int Sequences, long ScoredTokens, double Loss, double? RecordedLoss, double? BayesOptimalLoss);

/// <summary>
/// Single-task prompts (every example from one task, the family's question as in evaluation): a prompt counts as
/// correct when that task's answer (with its newline) is the single most probable of the tasks' answers.
/// </summary>
/// <param name="Query">The prompts' final question.</param>
/// <param name="Prompts">Prompts asked.</param>
/// <param name="Correct">Prompts answered correctly.</param>
/// <param name="Accuracy">Correct ÷ prompts.</param>
/// <param name="ByExamples">The same by number of examples.</param>
internal sealed record SingleTaskEvaluation(string Query, int Prompts, int Correct, double Accuracy, IReadOnlyList<SingleTaskAccuracy> ByExamples);

/// <summary>Single-task accuracy at one number of examples.</summary>
internal sealed record SingleTaskAccuracy(int Examples, int Prompts, int Correct, double Accuracy);
