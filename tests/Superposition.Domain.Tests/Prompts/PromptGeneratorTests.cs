using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Tasks;

namespace Superposition.Tests.Prompts;

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
        // first letter vs last letter is ambiguous for words like "level": the share f of such words sets the
        // expected number of re-draws per prompt, f / (1 - f) (a geometric count of failures).
        var words = WordList.All;
        var f = words.Count(w => w[0] == w[^1]) / (double)words.Count;
        Assert.InRange(f, 0.01, 0.5); // the check below needs some ambiguous words

        var generator = PromptGenerator.ForTaskIds(["word.first-letter", "word.last-letter"]);
        const int prompts = 2000;
        var redraws = 0;
        foreach (var prompt in generator.GenerateMany(PaperDistributions.Get("D1", 2), 20, prompts, seed: 7))
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
        Assert.Contains(prompt.Question, TaskLibrary.Get("number.identity").Family.Questions);
        Assert.Equal(6, prompt.Candidates.Select(c => c.Answer).Distinct().Count());
        Assert.Equal([6, 6, 30, 6, 6, 6], prompt.Counts);
    }

    [Fact]
    public void A_pool_too_small_for_the_request_is_a_clear_error_not_a_hang()
    {
        var generator = PromptGenerator.ForTaskIds(CountryTasks);
        var countries = CountryTable.All.Count;
        var e = Assert.Throws<ArgumentException>(() => generator.Generate(PaperDistributions.Get("D1", 6), countries, 0, 0));
        Assert.Contains($"{countries} distinct questions", e.Message, StringComparison.Ordinal);
        Assert.Contains("country", e.Message, StringComparison.Ordinal);
        Assert.Equal(countries - 1, generator.MaxExamples);
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
}
