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
    /// Total Bayes-optimal loss (nats) of one sequence's scored lines, or null where no closed form exists: the sum of
    /// <see cref="Lines"/>.
    /// </summary>
    public static double? Of(TrainingSpec spec, TrainingSequence sequence) => Lines(spec, sequence)?.Sum();

    /// <summary>
    /// The Bayes-optimal loss (nats) of each line of one sequence, in order (examples, then the query): line k's is
    /// −ln Σ_t π_t·[t(question) = answer] with π given lines 1..k−1. Null where no closed form exists: dirichlet with
    /// rounded counts, or a dirichlet line before the last whose answer more than one task gives (the task counts
    /// after it are then unknown).
    /// </summary>
    public static IReadOnlyList<double>? Lines(TrainingSpec spec, TrainingSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sequence);
        var tasks = spec.ResolveTasks();
        var lines = sequence.Lines;
        var losses = new double[lines.Count];
        switch (spec.Regime)
        {
            case { Kind: RegimeKind.Dirichlet, CountRule: DirichletCounts.Multinomial, Alpha: { } alpha }:
                var counts = new int[tasks.Count];
                for (var i = 0; i < lines.Count; i++)
                {
                    var gives = Gives(tasks, lines[i]);
                    losses[i] = Cost(Mass(PolyaPredictive.Of(counts, alpha), gives));
                    if (i < lines.Count - 1 && gives.Count(g => g) != 1)
                    {
                        return null;
                    }

                    counts[Array.IndexOf(gives, true)]++;
                }

                return losses;
            case { Kind: RegimeKind.SingleTask }:
                var consistent = Enumerable.Repeat(true, tasks.Count).ToArray();
                for (var i = 0; i < lines.Count; i++)
                {
                    var gives = Gives(tasks, lines[i]);
                    var possible = consistent.Count(c => c);
                    var posterior = consistent.Select(c => c ? 1.0 / possible : 0.0).ToArray();
                    losses[i] = Cost(Mass(posterior, gives));
                    for (var t = 0; t < consistent.Length; t++)
                    {
                        consistent[t] &= gives[t];
                    }
                }

                return losses;
            default:
                return null;
        }
    }

    /// <summary>Which tasks give the line's answer to its question.</summary>
    private static bool[] Gives(IReadOnlyList<TaskDefinition> tasks, Example line) =>
        [.. tasks.Select(t => string.Equals(t.Answer(line.Question), line.Answer, StringComparison.Ordinal))];

    /// <summary>−ln of a line's probability, written as a subtraction so that a certain line costs +0 rather than −0 (which JSON would show as "-0").</summary>
    private static double Cost(double probability) => 0.0 - Math.Log(probability);

    private static double Mass(IReadOnlyList<double> predictive, bool[] gives) =>
        predictive.Where((_, t) => gives[t]).Sum();
}
