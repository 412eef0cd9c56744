using System.Collections.Concurrent;
using Superposition.Tasks;

namespace Superposition.ReferenceModel.Model;

/// <summary>
/// Which library families can ask a question (by separator and question text), and every task's answer to a
/// question, computed once and cached.
/// </summary>
internal static class FamilyIndex
{
    private static readonly Lazy<Dictionary<(string Separator, string Question), TaskFamily[]>> ByQuestion = new(Build);
    private static readonly ConcurrentDictionary<TaskFamily, TaskDefinition[]> Tasks = new();
    private static readonly ConcurrentDictionary<(string Family, string Question), string?[]> Answers = new();

    /// <summary>The families, in library order, that can ask <paramref name="question"/> with that separator.</summary>
    public static IReadOnlyList<TaskFamily> FamiliesOf(string separator, string question) =>
        ByQuestion.Value.TryGetValue((separator, question), out var families) ? families : [];

    /// <summary>The family's tasks in library order.</summary>
    public static TaskDefinition[] TasksOf(TaskFamily family) =>
        Tasks.GetOrAdd(family, f => [.. TaskLibrary.InFamily(f)]);

    /// <summary>Each task's answer to the question, null where the task has none.</summary>
    public static string?[] AnswersTo(TaskFamily family, string question) =>
        Answers.GetOrAdd((family.Id, question), key => [.. TasksOf(family).Select(t => AnswerOrNull(t, key.Question))]);

    private static string? AnswerOrNull(TaskDefinition task, string question)
    {
        try
        {
            return task.Answer(question);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Dictionary<(string, string), TaskFamily[]> Build()
    {
        var map = new Dictionary<(string, string), List<TaskFamily>>();
        foreach (var family in TaskLibrary.Families)
        {
            // Held-out questions too: they are the final questions the reference server must answer (numbers: 5).
            foreach (var question in family.AllQuestions)
            {
                if (!map.TryGetValue((family.Separator, question), out var list))
                {
                    map[(family.Separator, question)] = list = [];
                }

                if (!list.Contains(family))
                {
                    list.Add(family);
                }
            }
        }

        return map.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }
}
