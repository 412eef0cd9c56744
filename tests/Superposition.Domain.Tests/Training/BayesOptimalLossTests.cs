using Superposition.Prompts;
using Superposition.Training;

namespace Superposition.Domain.Tests.Training;

/// <summary>The Bayes-optimal loss of a sequence, against hand computations on crafted lines.</summary>
public sealed class BayesOptimalLossTests
{
    private const long Memory = 64L << 30;

    private static readonly TrainingSpec Dirichlet = TrainingSpecLoader.Parse(TrainingSpecs.Numbers, availableMemoryBytes: Memory);
    private static readonly TrainingSpec Single = TrainingSpecLoader.Parse(TrainingSpecs.With("/regime", """{"kind": "single-task"}"""), availableMemoryBytes: Memory);

    [Fact]
    public void Under_dirichlet_one_each_line_costs_minus_the_log_of_its_polya_predictive_given_the_earlier_lines()
    {
        // 3 -> 6 is double's answer alone; then 4 -> 8 (double again); then the query 5 -> 6, increment's answer.
        var sequence = Sequence(Line("number.double", "3", "6"), Line("number.double", "4", "8"), Line("number.increment", "5", "6"));

        // 1/6 with no earlier line; (1 + 1)/(1 + 6) for a second double; (0 + 1)/(2 + 6) for the first increment.
        var expected = Math.Log(6) + Math.Log(7.0 / 2) + Math.Log(8);
        Assert.Equal(expected, BayesOptimalLoss.Of(Dirichlet, sequence)!.Value, 12);
    }

    [Fact]
    public void Under_single_task_the_first_line_costs_log_six_and_lines_after_an_unambiguous_one_cost_nothing()
    {
        var sequence = Sequence(Line("number.square", "3", "9"), Line("number.square", "5", "25"));

        Assert.Equal(Math.Log(6), BayesOptimalLoss.Of(Single, sequence)!.Value, 12);
    }

    [Fact]
    public void An_answer_two_tasks_give_counts_their_summed_mass_and_keeps_both_possible_under_single_task()
    {
        // 2 -> 4: double and square both give it (2/6); then 3 -> 9 leaves square alone, which the posterior gave 1/2.
        var sequence = Sequence(Line("number.square", "2", "4"), Line("number.square", "3", "9"));

        Assert.Equal(Math.Log(3) + Math.Log(2), BayesOptimalLoss.Of(Single, sequence)!.Value, 12);
    }

    [Fact]
    public void Under_dirichlet_an_ambiguous_line_before_the_last_leaves_no_closed_form_but_an_ambiguous_query_has_one()
    {
        Assert.Null(BayesOptimalLoss.Of(Dirichlet, Sequence(Line("number.square", "2", "4"), Line("number.square", "3", "9"))));

        // The query alone: double and square both give 4, each 1/6 before any example.
        Assert.Equal(Math.Log(3), BayesOptimalLoss.Of(Dirichlet, Sequence(Line("number.square", "2", "4")))!.Value, 12);
    }

    [Fact]
    public void Per_line_the_loss_is_each_lines_own_term_and_the_lines_sum_to_the_sequences_loss()
    {
        var dirichlet = Sequence(Line("number.double", "3", "6"), Line("number.double", "4", "8"), Line("number.increment", "5", "6"));

        Approx.Equal([Math.Log(6), Math.Log(7.0 / 2), Math.Log(8)], BayesOptimalLoss.Lines(Dirichlet, dirichlet)!, 1e-12);
        Assert.Equal(BayesOptimalLoss.Lines(Dirichlet, dirichlet)!.Sum(), BayesOptimalLoss.Of(Dirichlet, dirichlet)!.Value, 15);
    }

    [Fact]
    public void Under_single_task_every_line_after_one_that_names_the_task_costs_exactly_zero()
    {
        // 3 -> 9 is square's answer alone: the task is known from line 2 on.
        var named = Sequence(Line("number.square", "3", "9"), Line("number.square", "5", "25"), Line("number.square", "4", "16"));
        Approx.Equal([Math.Log(6), 0, 0], BayesOptimalLoss.Lines(Single, named)!, 1e-12);
        Assert.All(BayesOptimalLoss.Lines(Single, named)!.Skip(1), loss => Assert.True(loss == 0 && !double.IsNegative(loss), $"{loss} is not +0"));

        // 2 -> 4 leaves double and square (ln 3 paid), 3 -> 9 picks square out of the two (ln 2), then nothing is left to learn.
        var ambiguous = Sequence(Line("number.square", "2", "4"), Line("number.square", "3", "9"), Line("number.square", "4", "16"));
        Approx.Equal([Math.Log(3), Math.Log(2), 0], BayesOptimalLoss.Lines(Single, ambiguous)!, 1e-12);
    }

    [Fact]
    public void Per_line_losses_have_no_closed_form_exactly_where_the_total_has_none()
    {
        Assert.Null(BayesOptimalLoss.Lines(Dirichlet, Sequence(Line("number.square", "2", "4"), Line("number.square", "3", "9"))));
        Assert.NotNull(BayesOptimalLoss.Lines(Dirichlet, Sequence(Line("number.square", "2", "4"))));
    }

    [Fact]
    public void Rounded_dirichlet_counts_have_no_closed_form()
    {
        var rounded = TrainingSpecLoader.Parse(TrainingSpecs.With("/regime", """{"kind": "dirichlet", "alpha": 1, "counts": "rounding"}"""), availableMemoryBytes: Memory);

        Assert.Null(BayesOptimalLoss.Of(rounded, Sequence(Line("number.double", "3", "6"))));
    }

    private static Example Line(string task, string question, string answer) => new(task, question, answer);

    /// <summary>A sequence of these lines, the last being the query.</summary>
    private static TrainingSequence Sequence(params Example[] lines) =>
        new(0, false, Dirichlet.Tasks, new int[Dirichlet.Tasks.Count], new double[Dirichlet.Tasks.Count], lines[..^1], lines[^1], "->");
}
