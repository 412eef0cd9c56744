using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Tasks;

namespace Superposition.Domain.Tests.Prompts;

public sealed class PromptGeneratorTests
{
    private static readonly string[] CountryTasks =
        ["country.capital", "country.continent", "country.uppercase", "country.currency", "country.letters", "country.chinese"];

    private static readonly string[] NumberTasks =
        ["number.identity", "number.negate", "number.increment", "number.decrement", "number.double", "number.square"];

    private static Prompt Countries(string distribution, int seed = 0, int index = 0) =>
        PromptGenerator.ForTaskIds(CountryTasks).Generate(PaperDistributions.Get(distribution, 6), 60, seed, index);

    [Theory]
    [InlineData("D1", new[] { 10, 10, 10, 10, 10, 10 })]
    [InlineData("D2", new[] { 6, 6, 30, 6, 6, 6 })]
    [InlineData("D3", new[] { 15, 5, 15, 5, 15, 5 })]
    public void Examples_of_each_task_appear_exactly_as_often_as_the_counts_say(string distribution, int[] expected)
    {
        var prompt = Countries(distribution);
        Assert.Equal(expected, prompt.Counts);
        Assert.Equal(expected, CountryTasks.Select(t => prompt.Examples.Count(e => e.Task == t)));
    }

    [Fact]
    public void Same_seed_gives_the_same_prompt_and_other_seeds_or_indices_give_other_prompts()
    {
        Assert.Equal(Countries("D1", seed: 0).Text, Countries("D1", seed: 0).Text);
        Assert.NotEqual(Countries("D1", seed: 0).Text, Countries("D1", seed: 1).Text);
        Assert.NotEqual(Countries("D1", index: 0).Text, Countries("D1", index: 1).Text);
    }

    [Fact]
    public void Prompt_text_is_example_lines_joined_by_newline_then_the_question_ending_in_the_separator()
    {
        var prompt = Countries("D2");
        var lines = prompt.Text.Split('\n');
        Assert.Equal(61, lines.Length);
        for (var i = 0; i < 60; i++)
        {
            var e = prompt.Examples[i];
            Assert.Equal(e.Question + "->" + e.Answer, lines[i]);
            Assert.Equal(TaskLibrary.Get(e.Task).Answer(e.Question), e.Answer);
        }

        Assert.Equal(prompt.Question + "->", lines[60]);
        Assert.EndsWith("->", prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_question_repeats_and_the_final_question_is_not_among_the_examples()
    {
        for (var index = 0; index < 50; index++)
        {
            var prompt = Countries("D3", index: index);
            var questions = prompt.Examples.Select(e => e.Question).ToList();
            Assert.Equal(questions.Count, questions.Distinct().Count());
            Assert.DoesNotContain(prompt.Question, questions);
        }
    }

    [Fact]
    public void Task_positions_are_shuffled_rather_than_grouped()
    {
        var prompt = Countries("D1");
        var runs = 1 + prompt.Examples.Zip(prompt.Examples.Skip(1)).Count(p => p.First.Task != p.Second.Task);

        // Grouped tasks would give 6 runs; a random order of 60 over 6 tasks gives about 50.
        Assert.True(runs > 30, $"only {runs} task runs: positions look grouped");
    }

    [Fact]
    public void Candidates_are_each_tasks_answer_to_the_final_question_and_pairwise_distinct()
    {
        for (var index = 0; index < 50; index++)
        {
            var prompt = Countries("D1", index: index);
            Assert.Equal(CountryTasks, prompt.Candidates.Select(c => c.Task));
            Assert.All(prompt.Candidates, c => Assert.Equal(TaskLibrary.Get(c.Task).Answer(prompt.Question), c.Answer));
            Assert.Equal(6, prompt.Candidates.Select(c => c.Answer).Distinct().Count());
        }
    }

    [Fact]
    public void Ambiguous_final_questions_are_redrawn_at_the_rate_of_ambiguous_questions_in_the_pool()
    {
        // copy A and copy B answer A@A alike: the share f of such questions sets the expected number of re-draws
        // per prompt, f / (1 - f) (a geometric count of failures).
        var generator = PromptGenerator.ForTaskIds(["ab.copy-a", "ab.copy-b"]);
        var pool = generator.Family.ExampleQuestions;
        var f = pool.Count(q => q.Split('@') is [var a, var b] && a == b) / (double)pool.Count;
        Assert.Equal(1.0 / 90, f, 12); // the check below needs some ambiguous questions

        const int prompts = 5000;
        var redraws = 0;
        foreach (var prompt in generator.GenerateMany(PaperDistributions.Get("D1", 2), 10, prompts, seed: 7))
        {
            Assert.NotEqual(prompt.Candidates[0].Answer, prompt.Candidates[1].Answer);
            redraws += prompt.Redraws;
        }

        var mean = prompts * f / (1 - f);
        var sd = Math.Sqrt(prompts * f / ((1 - f) * (1 - f)));
        Assert.InRange(redraws, mean - (5 * sd), mean + (5 * sd));
    }

    [Fact]
    public void Numbers_family_repeats_questions_across_sixty_examples_and_still_has_distinct_candidates()
    {
        var prompt = PromptGenerator.ForTaskIds(NumberTasks).Generate(PaperDistributions.Get("D2", 6), 60, seed: 0, index: 3);
        Assert.Equal(60, prompt.Examples.Count);
        Assert.Equal(6, prompt.Examples.Select(e => e.Question).Distinct().Count());
        Assert.Equal(6, prompt.Candidates.Select(c => c.Answer).Distinct().Count());
        Assert.Equal([6, 6, 30, 6, 6, 6], prompt.Counts);
    }

    [Theory]
    [InlineData("D1", 0)]
    [InlineData("D2", 3)]
    [InlineData("D3", 41)]
    public void Numbers_family_asks_the_held_out_5_after_examples_of_x_from_3_4_6_7_8_9(string distribution, int index)
    {
        // As the authors' question_num and get_randint: the query is always 5, never an example's x.
        var prompt = PromptGenerator.ForTaskIds(NumberTasks).Generate(PaperDistributions.Get(distribution, 6), 60, seed: 0, index);
        Assert.Equal("5", prompt.Question);
        Assert.Equal(["5", "-5", "6", "4", "10", "25"], prompt.Candidates.Select(c => c.Answer));
        Assert.All(prompt.Examples, e => Assert.Contains(e.Question, new[] { "3", "4", "6", "7", "8", "9" }));
        Assert.Equal(0, prompt.Redraws);
        Assert.EndsWith("\n5->", prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_too_small_for_the_request_is_a_clear_error_not_a_hang()
    {
        var generator = PromptGenerator.ForTaskIds(CountryTasks);
        var countries = CountryTable.All.Count;
        var e = Assert.Throws<ArgumentException>(() => generator.Generate(PaperDistributions.Get("D1", 6), countries, 0, 0));
        Assert.Contains($"need {countries + 1} distinct questions; the 'country' family has {countries}", e.Message, StringComparison.Ordinal);
        Assert.Equal(countries - 1, generator.MaxExamples);
    }

    [Fact]
    public void A_family_with_held_out_questions_asks_one_of_them_even_after_every_example_question()
    {
        var family = new TaskFamily("letters", "->", ["a", "b", "c"], examplesRepeatQuestions: false, heldOutQuestions: ["x", "y"]);
        var generator = new PromptGenerator([Upper(family), Doubled(family)]);
        Assert.Equal(3, generator.MaxExamples);
        for (var index = 0; index < 20; index++)
        {
            var prompt = generator.Generate(PaperDistributions.Get("D1", 2), 3, seed: 0, index);
            Assert.Equal(["a", "b", "c"], prompt.Examples.Select(e => e.Question).Order(StringComparer.Ordinal));
            Assert.Contains(prompt.Question, new[] { "x", "y" });
        }
    }

    [Fact]
    public void A_family_without_held_out_questions_cannot_fill_a_prompt_with_all_its_questions()
    {
        var family = new TaskFamily("letters", "->", ["a", "b", "c"], examplesRepeatQuestions: false);
        var generator = new PromptGenerator([Upper(family), Doubled(family)]);
        Assert.Equal(2, generator.MaxExamples);
        var full = generator.Generate(PaperDistributions.Get("D1", 2), 2, seed: 0, index: 0);
        Assert.DoesNotContain(full.Question, full.Examples.Select(e => e.Question));

        var e = Assert.Throws<ArgumentException>(() => generator.Generate(PaperDistributions.Get("D1", 2), 3, seed: 0, index: 0));
        Assert.StartsWith("3 examples and a final question that must not be among them need 4 distinct questions; the 'letters' family has 3.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_of_different_families_cannot_share_a_prompt()
    {
        var e = Assert.Throws<ArgumentException>(() => PromptGenerator.ForTaskIds(["country.capital", "number.square"]));
        Assert.Contains("number.square", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shares_are_the_counts_over_the_number_of_examples()
    {
        var prompt = Countries("D2");
        Approx.Equal([0.1, 0.1, 0.5, 0.1, 0.1, 0.1], prompt.Shares, 1e-12);
    }

    private static TaskDefinition Upper(TaskFamily family) => new(family.Id + ".upper", family, "a->A", q => q.ToUpperInvariant());

    private static TaskDefinition Doubled(TaskFamily family) => new(family.Id + ".doubled", family, "a->aa", q => q + q);
}
