using Superposition.Tasks;

namespace Superposition.Training;

/// <summary>The longest sequence (in tokens, i.e. UTF-8 bytes) a training spec can produce.</summary>
public static class SequenceLengths
{
    /// <summary>
    /// Exactly the longest: <paramref name="maxExamples"/> example lines and a query line, each line
    /// "question&lt;sep&gt;answer\n". Where questions repeat, every line may be the longest line; otherwise the lines
    /// use distinct questions, so the longest are the top max+1 questions' lines. A single-task sequence writes
    /// every line with one task; a Dirichlet one may give any line any task.
    /// </summary>
    public static int Longest(IReadOnlyList<TaskDefinition> tasks, IReadOnlyList<string> pool, RegimeKind regime, int maxExamples)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(pool);
        var family = tasks[0].Family;
        var lines = maxExamples + 1;
        int Longest(IEnumerable<int> lengths)
        {
            var sorted = lengths.OrderDescending().ToList();
            return family.ExamplesRepeatQuestions ? sorted[0] * lines : sorted.Take(lines).Sum();
        }

        int Line(TaskDefinition task, string question) => SequenceTokens.LineLength(question, family.Separator, task.Answer(question));
        return regime == RegimeKind.SingleTask
            ? tasks.Max(t => Longest(pool.Select(q => Line(t, q))))
            : Longest(pool.Select(q => tasks.Max(t => Line(t, q))));
    }
}
