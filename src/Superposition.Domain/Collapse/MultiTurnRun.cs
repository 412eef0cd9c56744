using System.Globalization;
using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Randomness;
using Superposition.Tasks;

namespace Superposition.Collapse;

/// <summary>
/// The state of one multi-turn run (the paper's take-turns setup): the initial examples, then for each turn a
/// question whose candidate answers are pairwise distinct, the model's answer appended as
/// "question&lt;sep&gt;answer\n" whatever it is, and its class. The first turn asks the initial prompt's final
/// question. Later turns ask a question not used before in the run, except in a family whose examples repeat
/// questions (numbers: 7 questions): there every line of a prompt, and of a training sequence, draws its question
/// from the family's questions with replacement, and so does each turn. Deterministic from (seed, run index).
/// </summary>
public sealed class MultiTurnRun
{
    private readonly IReadOnlyList<TaskDefinition> _tasks;
    private readonly TaskFamily _family;
    private readonly Queue<string> _questions;

    // Where lines repeat questions: draws the next turn's question (with replacement); null otherwise.
    private readonly Func<string>? _draw;
    private readonly System.Text.StringBuilder _prompt = new();
    private readonly int[] _counts;
    private readonly List<CollapseTurn> _turns = [];

    public MultiTurnRun(IReadOnlyList<TaskDefinition> tasks, IReadOnlyList<int> initialCounts, int turns, int seed, int runIndex)
    {
        ArgumentNullException.ThrowIfNull(initialCounts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(turns);
        ArgumentOutOfRangeException.ThrowIfNegative(runIndex);
        if (initialCounts.Any(c => c < 0) || initialCounts.Sum() == 0)
        {
            throw new ArgumentException("Initial counts must be non-negative with at least one example.", nameof(initialCounts));
        }

        var generator = new PromptGenerator(tasks);
        _tasks = generator.Tasks;
        _family = generator.Family;
        if (initialCounts.Count != _tasks.Count)
        {
            throw new ArgumentException($"{initialCounts.Count} initial counts for {_tasks.Count} tasks.", nameof(initialCounts));
        }

        // Each turn asks a question not among the lines before it, unless the family's lines repeat questions anyway.
        if (!_family.ExamplesRepeatQuestions && initialCounts.Sum() + turns > _family.AllQuestions.Count)
        {
            throw new ArgumentException(
                $"The '{_family.Id}' family cannot ask {turns} questions after {initialCounts.Sum()} examples with no question among the lines before it.",
                nameof(turns));
        }

        Turns = turns;
        var total = initialCounts.Sum();
        var shares = Distribution.Create("initial", [.. initialCounts.Select(c => c / (double)total)]);
        var initial = generator.Generate(shares, total, seed, runIndex);
        InitialCounts = initial.Counts;
        _counts = new int[_tasks.Count];
        foreach (var example in initial.Examples)
        {
            _prompt.Append(_family.FormatExample(example.Question, example.Answer)).Append('\n');
        }

        // Later questions: the rest of the pool in a seeded order, the first being the initial prompt's question; or,
        // where lines repeat questions, a seeded draw with replacement for each turn.
        var random = Seeds.Create(seed, "collapse-questions", runIndex.ToString(CultureInfo.InvariantCulture));
        if (_family.ExamplesRepeatQuestions)
        {
            _questions = new Queue<string>([initial.Question]);
            _draw = () => _family.AllQuestions[random.Next(_family.AllQuestions.Count)];
        }
        else
        {
            var used = initial.Examples.Select(e => e.Question).Append(initial.Question).ToHashSet(StringComparer.Ordinal);
            var rest = _family.AllQuestions.Where(q => !used.Contains(q)).OrderBy(_ => random.Next()).ToList();
            _questions = new Queue<string>([initial.Question, .. rest]);
        }

        Advance();
    }

    /// <summary>Initial examples per task, as placed in the prompt.</summary>
    public IReadOnlyList<int> InitialCounts { get; }

    /// <summary>Turns the run will take.</summary>
    public int Turns { get; }

    /// <summary>The prompt to continue: every line so far, ending in the current question and the separator.</summary>
    public string Prompt => _prompt + _family.FormatQuestion(Question);

    /// <summary>The current question.</summary>
    public string Question { get; private set; } = "";

    /// <summary>Each task's answer to the current question, in task order.</summary>
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public bool Done => _turns.Count == Turns;

    /// <summary>Turns taken so far.</summary>
    public IReadOnlyList<CollapseTurn> History => _turns;

    /// <summary>Generated answers per task so far, and "other" answers.</summary>
    public RunOutcome Outcome => new(_counts, _turns.Count(t => t.Task is null));

    /// <summary>Records the model's answer to the current question and moves to the next one.</summary>
    public CollapseTurn Record(SampledAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Done)
        {
            throw new InvalidOperationException($"The run has taken all its {Turns} turns.");
        }

        // An answer cut off by the token limit is not a task's answer, even if its text happens to match one.
        var index = answer.Ended ? AnswerClassifier.Classify(answer.Text, Candidates) : null;
        if (index is { } i)
        {
            _counts[i]++;
        }

        var turn = new CollapseTurn(Question, answer.Text, index is { } t ? _tasks[t].Id : null);
        _turns.Add(turn);
        _prompt.Append(_family.FormatExample(Question, answer.Text.ReplaceLineEndings(" "))).Append('\n');
        if (!Done)
        {
            Advance();
        }

        return turn;
    }

    private void Advance()
    {
        // A draw with replacement may take a question whose answers coincide (none in the numbers family's pool);
        // bounded, so that such a family fails below instead of looping.
        for (var draws = 0; _questions.Count == 0 && _draw is not null && draws < 1000; draws++)
        {
            var drawn = _draw();
            if (_tasks.Select(t => t.Answer(drawn)).Distinct(StringComparer.Ordinal).Count() == _tasks.Count)
            {
                _questions.Enqueue(drawn);
            }
        }

        while (_questions.TryDequeue(out var question))
        {
            var candidates = _tasks.Select(t => new Candidate(t.Id, t.Answer(question))).ToArray();
            if (candidates.Select(c => c.Answer).Distinct(StringComparer.Ordinal).Count() == candidates.Length)
            {
                Question = question;
                Candidates = candidates;
                return;
            }
        }

        throw new InvalidOperationException($"The '{_family.Id}' family ran out of questions with distinct answers after {_turns.Count} turns.");
    }
}
