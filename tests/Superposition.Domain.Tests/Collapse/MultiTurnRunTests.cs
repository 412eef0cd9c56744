using Microsoft.Extensions.Time.Testing;
using Superposition.Collapse;
using Superposition.Prompts;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Tasks;

namespace Superposition.Domain.Tests.Collapse;

public sealed class MultiTurnRunTests
{
    private static readonly IReadOnlyList<TaskDefinition> Tasks =
        [TaskLibrary.Get("country.capital"), TaskLibrary.Get("country.first-letter"), TaskLibrary.Get("country.language")];

    private static SampledAnswer Answer(string text, bool ended = true) => new(text, ended, new ScoringCost(1, 10, 0, 1, 1));

    [Fact]
    public void Run_starts_from_the_initial_counts_and_asks_a_question_ending_in_the_separator()
    {
        var run = new MultiTurnRun(Tasks, [4, 2, 2], turns: 5, seed: 0, runIndex: 0);
        Assert.Equal([4, 2, 2], run.InitialCounts);
        var lines = run.Prompt.Split('\n');
        Assert.Equal(9, lines.Length);
        Assert.Equal(run.Question + "->", lines[^1]);
        Assert.Equal(3, run.Candidates.Select(c => c.Answer).Distinct().Count());
    }

    [Fact]
    public void Each_answer_is_appended_whatever_it_is_and_questions_never_repeat_within_a_run()
    {
        var run = new MultiTurnRun(Tasks, [2, 2, 2], turns: 40, seed: 3, runIndex: 1);
        var asked = new List<string>();
        var answers = new[] { "capital?", "X", "N/A" };
        for (var t = 0; !run.Done; t++)
        {
            asked.Add(run.Question);
            var before = run.Prompt;
            var text = t % 2 == 0 ? run.Candidates[t % 3].Answer : answers[t % 3];
            run.Record(Answer(text));
            if (!run.Done)
            {
                Assert.StartsWith(before + text + "\n", run.Prompt, StringComparison.Ordinal);
            }
        }

        var examples = new MultiTurnRun(Tasks, [2, 2, 2], 40, 3, 1).Prompt.Split('\n').SkipLast(1).Select(l => l.Split("->")[0]);
        Assert.Equal(asked.Count, asked.Distinct().Count());
        Assert.Empty(asked.Intersect(examples));
        Assert.Equal(40, run.History.Count);
    }

    [Fact]
    public void In_the_numbers_family_the_first_turn_asks_the_held_out_5_and_later_turns_redraw_its_questions_with_replacement()
    {
        IReadOnlyList<TaskDefinition> numbers = [.. new[] { "number.identity", "number.negate", "number.increment", "number.decrement", "number.double", "number.square" }.Select(TaskLibrary.Get)];
        var run = new MultiTurnRun(numbers, [1, 1, 1, 1, 1, 1], turns: 30, seed: 5, runIndex: 2);
        var asked = new List<string>();
        while (!run.Done)
        {
            asked.Add(run.Question);
            Assert.Equal(numbers.Count, run.Candidates.Select(c => c.Answer).Distinct().Count());
            run.Record(Answer(run.Candidates[0].Answer));
        }

        Assert.Equal("5", asked[0]);
        Assert.All(asked, q => Assert.Contains(q, numbers[0].Family.AllQuestions));
        // 30 turns over 7 questions: repeats are certain, and the draw is the run's own (seed, run index).
        Assert.True(asked.Distinct().Count() < asked.Count);
        var again = new MultiTurnRun(numbers, [1, 1, 1, 1, 1, 1], turns: 30, seed: 5, runIndex: 2);
        var replay = new List<string>();
        while (!again.Done)
        {
            replay.Add(again.Question);
            again.Record(Answer(again.Candidates[0].Answer));
        }

        Assert.Equal(asked, replay);
    }

    [Fact]
    public void Answers_are_counted_for_the_task_they_match_and_the_rest_as_other()
    {
        var run = new MultiTurnRun(Tasks, [1, 1, 1], turns: 6, seed: 0, runIndex: 0);
        run.Record(Answer(run.Candidates[0].Answer));              // capital
        run.Record(Answer("  " + run.Candidates[2].Answer + " "));  // language, white space trimmed
        run.Record(Answer(run.Candidates[0].Answer.ToUpperInvariant() + "x")); // other
        run.Record(Answer(run.Candidates[1].Answer, ended: false)); // cut off by the token limit: other
        run.Record(Answer(run.Candidates[1].Answer));               // first letter
        run.Record(Answer(""));                                     // empty: other
        Assert.Equal(new RunOutcome([1, 1, 1], 3), run.Outcome);
        Assert.Equal(["country.capital", "country.language", null, null, "country.first-letter", null], run.History.Select(t => t.Task));
        Assert.Throws<InvalidOperationException>(() => run.Record(Answer("Rome")));
    }

    [Fact]
    public void Runs_are_deterministic_by_seed_and_differ_by_run_index()
    {
        Assert.Equal(new MultiTurnRun(Tasks, [3, 3, 3], 5, 7, 2).Prompt, new MultiTurnRun(Tasks, [3, 3, 3], 5, 7, 2).Prompt);
        Assert.NotEqual(new MultiTurnRun(Tasks, [3, 3, 3], 5, 7, 2).Prompt, new MultiTurnRun(Tasks, [3, 3, 3], 5, 7, 3).Prompt);
    }

    [Fact]
    public void A_family_without_enough_new_questions_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MultiTurnRun(Tasks, [10, 10, 10], CountryTable.All.Count, 0, 0));
    }

    [Fact]
    public void Classifier_matches_exactly_after_normalisation_and_keeps_case()
    {
        Candidate[] candidates = [new("a", "Rome"), new("b", "ROME"), new("c", "Cafe\u0301")];
        Assert.Equal(0, AnswerClassifier.Classify(" Rome\n", candidates));
        Assert.Equal(1, AnswerClassifier.Classify("ROME", candidates));
        Assert.Equal(2, AnswerClassifier.Classify("Caf\u00e9", candidates)); // NFC: é composed equals e + combining accent
        Assert.Null(AnswerClassifier.Classify("rome", candidates));
    }

    [Fact]
    public async Task Runner_samples_every_turn_and_sums_the_cost()
    {
        var spec = CollapseSpec(turns: 12, runs: 3);
        var sampler = new FirstCandidateSampler();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var result = await MultiTurnRunner.RunAsync(spec, "m", 2, sampler, time, CancellationToken.None);
        Assert.Equal(12, sampler.Calls);
        Assert.Equal([12, 0, 0], result.FinalCounts);
        Assert.Equal(0, result.OtherCount);
        Assert.Equal(12, result.Cost.Requests);
        Assert.Equal(2, result.Run);
        Assert.All(result.Turns, t => Assert.Equal("country.capital", t.Task));
        Assert.Equal(time.GetUtcNow(), result.FinishedAt);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MultiTurnRunner.RunAsync(spec, "m", 3, sampler, time, CancellationToken.None));
    }

    [Fact]
    public async Task A_run_of_the_second_initial_setting_starts_from_its_counts()
    {
        var spec = CollapseSpec(turns: 2, runs: 3) with
        {
            Collapse = new CollapseSpec(new InitialSettings([new InitialExamples(Counts: [2, 2, 2]), new InitialExamples(Counts: [1, 3, 1])], asArray: true), 2, 3),
        };
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var first = await MultiTurnRunner.RunAsync(spec, "m", 2, new FirstCandidateSampler(), time, CancellationToken.None);
        var second = await MultiTurnRunner.RunAsync(spec, "m", 3, new FirstCandidateSampler(), time, CancellationToken.None);
        Assert.Equal([2, 2, 2], first.InitialCounts);
        Assert.Equal([1, 3, 1], second.InitialCounts);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => MultiTurnRunner.RunAsync(spec, "m", 6, new FirstCandidateSampler(), time, CancellationToken.None));
    }

    private static ExperimentSpec CollapseSpec(int turns, int runs) => new()
    {
        Name = "collapse-test",
        Kind = ExperimentKind.Collapse,
        Tasks = ["country.capital", "country.first-letter", "country.language"],
        Models = ["m"],
        Collapse = new CollapseSpec(new InitialExamples(Counts: [2, 2, 2]), turns, runs),
    };

    /// <summary>Answers every question with the capital, read back from the prompt's last line.</summary>
    private sealed class FirstCandidateSampler : IAnswerSampler
    {
        public int Calls { get; private set; }

        public Task<SampledAnswer> SampleAsync(string model, string prompt, double temperature, int maxTokens, int seed, CancellationToken cancellationToken)
        {
            Calls++;
            var question = prompt.Split('\n')[^1].Replace("->", "", StringComparison.Ordinal);
            return Task.FromResult(new SampledAnswer(TaskLibrary.Get("country.capital").Answer(question), true, new ScoringCost(1, 100, 0, 2, 1)));
        }
    }
}
