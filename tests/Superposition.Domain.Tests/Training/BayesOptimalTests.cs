using Superposition.Distributions;
using Superposition.Prompts;
using Superposition.Tasks;
using Superposition.Training;

namespace Superposition.Domain.Tests.Training;

public sealed class BayesOptimalTests
{
    [Fact]
    public void The_polya_predictive_is_n_plus_alpha_over_n_total_plus_k_alpha_and_sums_to_one()
    {
        var p = PolyaPredictive.Of([3, 1, 0], 0.5);
        Approx.Equal([3.5 / 5.5, 1.5 / 5.5, 0.5 / 5.5], p, 1e-15);
        Assert.Equal(1.0, p.Sum(), 12);
    }

    [Fact]
    public void The_polya_predictive_is_symmetric_under_a_permutation_of_the_tasks()
    {
        var p = PolyaPredictive.Of([5, 2, 0, 1], 1);
        var q = PolyaPredictive.Of([1, 0, 5, 2], 1);
        Approx.Equal([p[3], p[2], p[0], p[1]], q, 1e-15);
    }

    [Fact]
    public void The_polya_predictive_tends_to_uniform_for_large_alpha_and_to_the_shares_for_small_alpha()
    {
        Approx.Equal([0.25, 0.25, 0.25, 0.25], PolyaPredictive.Of([8, 0, 0, 0], 1e9), 1e-8);
        Approx.Equal([0.75, 0.25, 0], PolyaPredictive.Of([6, 2, 0], 1e-9), 1e-9);
        Approx.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], PolyaPredictive.Of([0, 0, 0], 2), 1e-15);
    }

    [Fact]
    public void The_polya_predictive_rejects_a_non_positive_alpha_and_negative_counts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolyaPredictive.Of([1, 2], 0));
        Assert.Throws<ArgumentException>(() => PolyaPredictive.Of([1, -2], 1));
    }

    [Fact]
    public void The_single_task_posterior_is_one_task_when_the_examples_are_unambiguous()
    {
        var tasks = TaskLibrary.InFamily(TaskLibrary.Get("number.double").Family);
        var p = SingleTaskPosterior.Of(tasks, [new Example("number.double", "3", "6"), new Example("number.double", "7", "14")]);
        Assert.Equal(tasks.Select(t => t.Id == "number.double" ? 1.0 : 0.0), p);
    }

    [Fact]
    public void The_single_task_posterior_is_uniform_over_the_tasks_consistent_with_every_example()
    {
        // With no examples every task is consistent.
        var tasks = TaskLibrary.InFamily(TaskLibrary.Get("ab.sum").Family);
        Approx.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], SingleTaskPosterior.Of(tasks, []), 1e-15);
        var doubling = new[] { TaskLibrary.Get("number.double"), TaskLibrary.Get("number.square"), TaskLibrary.Get("number.identity") };
        // 2 -> 4 is both doubling and squaring: the posterior splits between them, and sums to 1.
        var p = SingleTaskPosterior.Of(doubling, [new Example("number.double", "2", "4")]);
        Approx.Equal([0.5, 0.5, 0], p, 1e-15);
        Assert.Equal(1.0, p.Sum(), 12);
    }

    [Fact]
    public void The_single_task_posterior_rejects_examples_no_task_wrote()
    {
        var tasks = TaskLibrary.InFamily(TaskLibrary.Get("number.double").Family);
        Assert.Throws<ArgumentException>(() => SingleTaskPosterior.Of(tasks, [new Example("x", "3", "1000")]));
    }

    [Fact]
    public void The_bayes_optimal_predictor_of_each_regime_is_the_right_closed_form_or_none()
    {
        var dirichlet = TrainingSpecLoader.Parse(TrainingSpecs.Numbers, availableMemoryBytes: 64L << 30);
        var sequence = new TrainingSequences(dirichlet).Get(3, false);
        Assert.Equal(PolyaPredictive.Of(sequence.Counts, 1), BayesOptimal.For(dirichlet, sequence));

        var single = TrainingSpecLoader.Parse(TrainingSpecs.With("/regime", """{"kind": "single-task"}"""), availableMemoryBytes: 64L << 30);
        var one = new TrainingSequences(single).Get(3, false);
        var p = BayesOptimal.For(single, one)!;
        Assert.Equal(1.0, p[single.Tasks.ToList().IndexOf(one.Query.Task)]);

        var rounded = TrainingSpecLoader.Parse(TrainingSpecs.With("/regime", """{"kind": "dirichlet", "alpha": 1, "counts": "rounding"}"""), availableMemoryBytes: 64L << 30);
        Assert.Null(BayesOptimal.For(rounded, new TrainingSequences(rounded).Get(3, false)));
    }
}
