using Superposition.Prompts;
using Superposition.Tasks;

namespace Superposition.Distributions;

/// <summary>
/// The Bayes-optimal answer of the single-task training regime: one task, drawn uniformly, wrote every example, and
/// tasks are noiseless, so the posterior over the task is uniform over the tasks whose answers match every example
/// (one task when the examples are unambiguous), and the query's answer follows that posterior.
/// </summary>
public static class SingleTaskPosterior
{
    /// <summary>P(task i wrote the examples | examples), in the order of <paramref name="tasks"/>.</summary>
    public static double[] Of(IReadOnlyList<TaskDefinition> tasks, IReadOnlyList<Example> examples)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(examples);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("The posterior needs at least one task.", nameof(tasks));
        }

        var consistent = tasks.Select(t => examples.All(e => string.Equals(t.Answer(e.Question), e.Answer, StringComparison.Ordinal))).ToArray();
        var count = consistent.Count(c => c);
        if (count == 0)
        {
            throw new ArgumentException($"No task of {string.Join(", ", tasks)} answers every example: the examples were not written by one of them.", nameof(examples));
        }

        return [.. consistent.Select(c => c ? 1.0 / count : 0.0)];
    }
}
