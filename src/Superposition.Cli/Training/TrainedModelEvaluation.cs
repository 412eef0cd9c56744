using Superposition.Distributions;
using Superposition.LanguageModels;
using Superposition.Prompts;
using Superposition.Training;

namespace Superposition.Cli.Training;

/// <summary>
/// Measures a trained model through the suite's own ONNX provider into a <see cref="ModelEvaluation"/>: the held-out loss recomputed from the ONNX graph (it must
/// equal the trainer's), the Bayes-optimal loss on the same sequences (the floor), both also per line, and single-task accuracy. The
/// committed sweep's tests recompute it and compare, so a change anywhere from the sequences to the provider shows.
/// </summary>
internal static class TrainedModelEvaluation
{
    /// <summary>Example counts of the single-task prompts: from one example to the Fig. 6 protocol's 60 (those up to the training's most).</summary>
    public static readonly IReadOnlyList<int> SingleTaskExamples = [1, 2, 5, 10, 30, 60];

    /// <summary>Single-task prompts per task and example count.</summary>
    public const int SingleTaskPrompts = 5;

    /// <summary>The seed of the single-task prompts (fixed: every model is asked the same prompts).</summary>
    public const int SingleTaskSeed = 14;

    /// <summary>Measures <paramref name="model"/> (trained on <paramref name="spec"/>'s sequences).</summary>
    public static ModelEvaluation Measure(TrainingSpec spec, ILanguageModel model, double? recordedHeldoutLoss)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        return new ModelEvaluation(MeasureHeldout(spec, model, recordedHeldoutLoss), MeasureSingleTask(spec, model));
    }

    private static HeldoutEvaluation MeasureHeldout(TrainingSpec spec, ILanguageModel model, double? recorded)
    {
        var totals = new HeldoutLossTotals(spec);
        foreach (var batch in new TrainingSequences(spec).Heldout().Chunk(8))
        {
            var scored = model.Score([.. batch.Select(s => (IReadOnlyList<int>)s.Ids)]);
            for (var b = 0; b < batch.Length; b++)
            {
                // Position 0 has no log-probability; it is never scored.
                totals.Add(batch[b], [.. scored[b].Tokens.Select(t => t.Logprob ?? double.NaN)]);
            }
        }

        return totals.ToEvaluation(recorded);
    }

    private static SingleTaskEvaluation MeasureSingleTask(TrainingSpec spec, ILanguageModel model)
    {
        var generator = PromptGenerator.ForTaskIds(spec.Tasks);
        var byExamples = new List<SingleTaskAccuracy>();
        string? query = null;
        // Up to the most examples training used: longer prompts may not fit the model's context, and it never saw them.
        foreach (var examples in SingleTaskExamples.Where(n => n <= generator.MaxExamples && n <= spec.Examples.Max))
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
