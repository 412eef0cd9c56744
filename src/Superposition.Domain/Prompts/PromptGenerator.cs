using System.Globalization;
using Superposition.Distributions;
using Superposition.Randomness;
using Superposition.Tasks;

namespace Superposition.Prompts;

/// <summary>
/// Builds mixed-task prompts faithfully to the authors' protocol, deterministically from a seed: per-task counts
/// by <see cref="ExampleCounts"/>, task positions shuffled, distinct questions (drawn with replacement where the
/// family's examples repeat questions), and a final question that is never among the examples and whose
/// candidate answers are pairwise distinct (ambiguous ones are re-drawn and counted).
/// </summary>
public sealed class PromptGenerator
{
    private readonly TaskDefinition[] _tasks;
    private readonly TaskFamily _family;

    public PromptGenerator(IReadOnlyList<TaskDefinition> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("A prompt needs at least one task.", nameof(tasks));
        }

        var duplicate = tasks.GroupBy(t => t.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Task '{duplicate.Key}' is listed twice.", nameof(tasks));
        }

        _family = tasks[0].Family;
        var stranger = tasks.FirstOrDefault(t => t.Family != _family);
        if (stranger is not null)
        {
            throw new ArgumentException(
                $"Tasks of one prompt must share a question format: '{stranger.Id}' is of family '{stranger.Family.Id}', '{tasks[0].Id}' of '{_family.Id}'.",
                nameof(tasks));
        }

        _tasks = [.. tasks];
    }

    public static PromptGenerator ForTaskIds(IEnumerable<string> taskIds) =>
        new([.. taskIds.Select(TaskLibrary.Get)]);

    public TaskFamily Family => _family;

    public IReadOnlyList<TaskDefinition> Tasks => _tasks;

    /// <summary>The largest number of examples a prompt of these tasks can hold with its final question out of them.</summary>
    public int MaxExamples => _family.MaxExamples;

    /// <summary>The prompts 0..count-1 of one distribution.</summary>
    public IEnumerable<Prompt> GenerateMany(Distribution distribution, int examples, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            yield return Generate(distribution, examples, seed, i);
        }
    }

    /// <summary>
    /// Prompt number <paramref name="index"/> of a distribution. Each prompt has its own random stream derived
    /// from (seed, distribution name, index), so any one prompt can be rebuilt without the others.
    /// </summary>
    public Prompt Generate(Distribution distribution, int examples, int seed, int index)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentOutOfRangeException.ThrowIfNegative(examples);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (distribution.Count != _tasks.Length)
        {
            throw new ArgumentException($"Distribution {distribution.Name} has {distribution.Count} weights for {_tasks.Length} tasks.", nameof(distribution));
        }

        if (_family.ExamplesProblem(examples) is { } problem)
        {
            throw new ArgumentException(problem + ".", nameof(examples));
        }

        var random = Seeds.Create(seed, "prompt", distribution.Name, index.ToString(CultureInfo.InvariantCulture));
        var counts = ExampleCounts.For(distribution, examples);
        var order = Shuffled(counts.SelectMany((c, task) => Enumerable.Repeat(task, c)).ToArray(), random);
        var draws = new QuestionDraw(_family.ExampleQuestions, random);

        var exampleList = new Example[examples];
        for (var i = 0; i < examples; i++)
        {
            // The pool size was checked above, so a draw without replacement cannot run dry here.
            var question = _family.ExamplesRepeatQuestions ? draws.WithReplacement() : draws.Next()!;
            var task = _tasks[order[i]];
            exampleList[i] = new Example(task.Id, question, task.Answer(question));
        }

        // The final question is never among the examples: a held-out question (disjoint from the example
        // questions by construction of the family), or else an example question that no example has drawn.
        var finals = _family.HeldOutQuestions.Count > 0 ? new QuestionDraw(_family.HeldOutQuestions, random) : draws;
        var (finalQuestion, candidates, redraws) = DrawFinalQuestion(finals);
        return new Prompt(distribution.Name, index, [.. _tasks.Select(t => t.Id)], counts, exampleList, finalQuestion, _family.Separator, candidates, redraws);
    }

    private (string Question, Candidate[] Candidates, int Redraws) DrawFinalQuestion(QuestionDraw finals)
    {
        // Without replacement, so that the search ends when no question is left.
        var redraws = 0;
        while (finals.Next() is { } question)
        {
            var candidates = _tasks.Select(t => new Candidate(t.Id, t.Answer(question))).ToArray();
            if (candidates.Select(c => c.Answer).Distinct(StringComparer.Ordinal).Count() == candidates.Length)
            {
                return (question, candidates, redraws);
            }

            redraws++;
        }

        throw new InvalidOperationException(
            $"No {(_family.HeldOutQuestions.Count > 0 ? "held-out question" : "question left after the examples")} of the '{_family.Id}' family gives pairwise distinct answers for tasks {string.Join(", ", _tasks.Select(t => t.Id))} ({redraws} tried).");
    }

    private static int[] Shuffled(int[] items, Random random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    /// <summary>Draws questions without replacement by a lazy Fisher-Yates shuffle of the pool's indices.</summary>
    private sealed class QuestionDraw(IReadOnlyList<string> pool, Random random)
    {
        private readonly int[] _indices = [.. Enumerable.Range(0, pool.Count)];
        private int _next;

        public string? Next()
        {
            if (_next >= _indices.Length)
            {
                return null;
            }

            var j = _next + random.Next(_indices.Length - _next);
            (_indices[_next], _indices[j]) = (_indices[j], _indices[_next]);
            return pool[_indices[_next++]];
        }

        public string WithReplacement() => pool[random.Next(pool.Count)];
    }
}
