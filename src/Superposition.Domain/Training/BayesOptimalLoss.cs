using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Tasks;

namespace Superposition.Training;

/// <summary>
/// The loss a Bayes-optimal model would reach on sequences under the "answers" loss: the floor a trained model's
/// held-out loss is measured against. Each line's answer and its newline are fixed by the line's task, so the
/// probability of those tokens given everything before is the predictive probability of the tasks that give that
/// answer, Σ_t π_t · [t(question) = answer], and the line's loss is minus its log. π is the regime's predictive
/// given the earlier lines: for <c>dirichlet</c> with multinomial counts, the Pólya predictive of the earlier lines'
/// task counts; for <c>single-task</c>, uniform over the tasks that answer every earlier line.
/// </summary>
public static class BayesOptimalLoss
{
    /// <summary>
    /// Total Bayes-optimal loss (nats) of one sequence's scored lines, or null where no closed form exists: dirichlet
    /// with rounded counts, or a dirichlet line before the last whose answer more than one task gives (the task counts after it are then unknown).
    /// </summary>
    public static double? Of(TrainingSpec spec, TrainingSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sequence);
        var tasks = spec.ResolveTasks();
        IReadOnlyList<Example> lines = [.. sequence.Examples, sequence.Query];
        var total = 0.0;
        switch (spec.Regime)
        {
            case { Kind: RegimeKind.Dirichlet, CountRule: DirichletCounts.Multinomial, Alpha: { } alpha }:
                var counts = new int[tasks.Count];
                for (var i = 0; i < lines.Count; i++)
                {
                    var gives = Gives(tasks, lines[i]);
                    total -= Math.Log(Mass(PolyaPredictive.Of(counts, alpha), gives));
                    if (i < lines.Count - 1 && gives.Count(g => g) != 1)
                    {
                        return null;
                    }

                    counts[Array.IndexOf(gives, true)]++;
                }

                return total;
            case { Kind: RegimeKind.SingleTask }:
                var consistent = Enumerable.Repeat(true, tasks.Count).ToArray();
                foreach (var line in lines)
                {
                    var gives = Gives(tasks, line);
                    var possible = consistent.Count(c => c);
                    var posterior = consistent.Select(c => c ? 1.0 / possible : 0.0).ToArray();
                    total -= Math.Log(Mass(posterior, gives));
                    for (var t = 0; t < consistent.Length; t++)
                    {
                        consistent[t] &= gives[t];
                    }
                }

                return total;
            default:
                return null;
        }
    }

    /// <summary>Which tasks give the line's answer to its question.</summary>
    private static bool[] Gives(IReadOnlyList<TaskDefinition> tasks, Example line) =>
        [.. tasks.Select(t => string.Equals(t.Answer(line.Question), line.Answer, StringComparison.Ordinal))];

    private static double Mass(IReadOnlyList<double> predictive, bool[] gives) =>
        predictive.Where((_, t) => gives[t]).Sum();
}
