using System.Text;
using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Training;

namespace Superposition.Domain.Tests.Training;

public sealed class TrainingSequencesTests
{
    private static TrainingSpec Spec(string json = TrainingSpecs.Numbers) => TrainingSpecLoader.Parse(json, availableMemoryBytes: 64L << 30);

    [Fact]
    public void A_sequence_is_the_prompt_text_prompt_generator_writes_for_its_examples_then_the_answer_and_a_newline()
    {
        var generator = PromptGenerator.ForTaskIds(Spec().Tasks);
        var prompt = generator.Generate(PaperDistributions.Uniform(6), 12, seed: 3, index: 0);
        var sequence = new TrainingSequence(0, false, prompt.Tasks, prompt.Counts, PaperDistributions.Uniform(6).Weights, prompt.Examples,
            new Example(prompt.Candidates[2].Task, prompt.Question, prompt.Candidates[2].Answer), prompt.Separator);

        Assert.Equal(prompt.Text, sequence.PromptText);
        Assert.Equal(prompt.Text + prompt.Candidates[2].Answer + "\n", sequence.Text);
        Assert.Equal(Encoding.UTF8.GetBytes(sequence.Text).Select(b => (int)b), sequence.Ids);
    }

    [Fact]
    public void The_answer_mask_marks_each_answer_and_its_newline_and_nothing_else()
    {
        var sequence = new TrainingSequences(Spec()).Get(5, heldout: false);
        var masked = new StringBuilder();
        var mask = sequence.AnswerMask;
        Assert.Equal(sequence.Ids.Length, mask.Length);
        for (var i = 0; i < mask.Length; i++)
        {
            masked.Append(mask[i] == 1 ? (char)sequence.Ids[i] : '_');
        }

        var expected = string.Concat(sequence.Examples.Append(sequence.Query)
            .Select(e => new string('_', e.Question.Length + sequence.Separator.Length) + e.Answer + "\n"));
        Assert.Equal(expected, masked.ToString());
        Assert.Equal(0, mask[0]);
    }

    [Fact]
    public void Each_scored_token_names_its_line_so_line_k_owns_exactly_the_kth_lines_answer_and_newline()
    {
        var sequence = new TrainingSequences(Spec()).Get(5, heldout: false);
        var owners = sequence.AnswerLines;
        var bytes = Encoding.UTF8.GetBytes(sequence.Text);
        Assert.Equal(bytes.Length, owners.Length);
        Assert.Equal(sequence.AnswerMask, owners.Select(k => k > 0 ? 1 : 0));
        Assert.True(sequence.Lines.Count >= 2, "the test needs an example line and the query");
        for (var k = 1; k <= sequence.Lines.Count; k++)
        {
            var owned = Encoding.UTF8.GetString([.. bytes.Where((_, j) => owners[j] == k)]);
            Assert.Equal(sequence.Lines[k - 1].Answer + "\n", owned);
        }

        Assert.Equal(sequence.Query, sequence.Lines[^1]);
    }

    [Fact]
    public void Sequences_are_deterministic_from_the_seed_and_the_held_out_stream_is_another_stream()
    {
        var a = new TrainingSequences(Spec());
        var b = new TrainingSequences(Spec());
        Assert.Equal(a.Get(17, false).Text, b.Get(17, false).Text);
        var training = a.Training().Take(50).Select(s => s.Text).ToList();
        var heldout = a.Heldout().Select(s => s.Text).ToList();
        Assert.Equal(16, heldout.Count);
        Assert.All(heldout, h => Assert.True(h.Length > 0));
        Assert.NotEqual(training.Take(16), heldout);
        var other = new TrainingSequences(Spec(TrainingSpecs.With("/seed", "8")));
        Assert.NotEqual(training, other.Training().Take(50).Select(s => s.Text));
    }

    [Fact]
    public void Example_counts_stay_in_the_range_and_every_question_is_from_the_pool()
    {
        var spec = Spec(TrainingSpecs.With("/inputs", """["3", "5", "9"]"""));
        var sequences = new TrainingSequences(spec).Training().Take(300).ToList();
        Assert.All(sequences, s =>
        {
            Assert.InRange(s.Examples.Count, 1, 10);
            Assert.All(s.Examples.Append(s.Query), e => Assert.Contains(e.Question, new[] { "3", "5", "9" }));
        });
        Assert.Contains(sequences, s => s.Query.Question == "5");
        Assert.Equal(Enumerable.Range(1, 10), sequences.Select(s => s.Examples.Count).Distinct().Order());
    }

    [Fact]
    public void A_single_task_sequence_writes_every_line_with_one_task_and_all_tasks_occur()
    {
        var spec = Spec(TrainingSpecs.With("/regime", """{"kind": "single-task"}"""));
        var sequences = new TrainingSequences(spec).Training().Take(200).ToList();
        Assert.All(sequences, s =>
        {
            Assert.Single(s.Examples.Append(s.Query).Select(e => e.Task).Distinct());
            Assert.Equal(1.0, s.Proportions.Max());
            Assert.All(s.Examples.Append(s.Query), e => Assert.Equal(spec.ResolveTasks().Single(t => t.Id == e.Task).Answer(e.Question), e.Answer));
        });
        Assert.Equal(spec.Tasks.Order(), sequences.Select(s => s.Query.Task).Distinct().Order());
    }

    [Fact]
    public void Rounded_dirichlet_counts_follow_the_suites_rounding_rule_of_the_drawn_proportions()
    {
        var spec = Spec(TrainingSpecs.With("/regime", """{"kind": "dirichlet", "alpha": 1, "counts": "rounding"}"""));
        foreach (var s in new TrainingSequences(spec).Training().Take(200))
        {
            Assert.Equal(ExampleCounts.For(Distribution.Create("p", s.Proportions), s.Examples.Count), s.Counts);
            Assert.Equal(s.Counts, spec.Tasks.Select(t => s.Examples.Count(e => e.Task == t)));
        }
    }

    [Fact]
    public void Over_many_multinomial_dirichlet_sequences_each_tasks_mean_share_and_proportion_are_near_one_over_k()
    {
        // Symmetric Dirichlet: E[p_i] = 1/k = 1/6. 2000 sequences of up to 10 examples: the standard error of a mean
        // share is about 0.006, so ±0.03 is five standard errors.
        var sequences = new TrainingSequences(Spec()).Training().Take(2000).ToList();
        for (var i = 0; i < 6; i++)
        {
            Assert.InRange(sequences.Average(s => s.Counts[i] / (double)s.Examples.Count), (1.0 / 6) - 0.03, (1.0 / 6) + 0.03);
            Assert.InRange(sequences.Average(s => s.Proportions[i]), (1.0 / 6) - 0.03, (1.0 / 6) + 0.03);
        }
    }

    [Fact]
    public void Rounded_dirichlet_proportions_average_one_over_k_but_the_rounding_rule_favours_the_first_tasks_at_small_n()
    {
        // The rule tops counts up walking the tasks in order, so with one example the first task always gets it:
        // the proportions are symmetric, the counts are not (docs/training.md says why multinomial is the default).
        var spec = Spec(TrainingSpecs.With("/regime", """{"kind": "dirichlet", "alpha": 1, "counts": "rounding"}"""));
        var sequences = new TrainingSequences(spec).Training().Take(2000).ToList();
        for (var i = 0; i < 6; i++)
        {
            Assert.InRange(sequences.Average(s => s.Proportions[i]), (1.0 / 6) - 0.03, (1.0 / 6) + 0.03);
        }

        var shares = Enumerable.Range(0, 6).Select(i => sequences.Average(s => s.Counts[i] / (double)s.Examples.Count)).ToList();
        Assert.True(shares[0] > shares[5] + 0.1, $"shares {string.Join(", ", shares)}");
        Assert.All(sequences.Where(s => s.Examples.Count == 1), s => Assert.Equal(1, s.Counts[0]));
    }

    [Fact]
    public void Multinomial_sequences_have_varied_counts_that_sum_to_the_examples()
    {
        var sequences = new TrainingSequences(Spec()).Training().Take(200).ToList();
        Assert.All(sequences, s => Assert.Equal(s.Examples.Count, s.Counts.Sum()));
        Assert.True(sequences.Select(s => string.Join(",", s.Counts)).Distinct().Count() > 100);
    }

    [Fact]
    public void No_sequence_is_longer_than_the_computed_longest_and_the_longest_is_reached()
    {
        var spec = Spec();
        var longest = SequenceLengths.Longest(spec.ResolveTasks(), spec.ResolvePool(), spec.Regime.Kind, spec.Examples.Max);
        var lengths = new TrainingSequences(spec).Training().Select(s => s.Ids.Length).ToList();
        Assert.All(lengths, l => Assert.InRange(l, 2, longest));
        Assert.Equal(66, longest);
    }
}
