using Superposition.Engine.Planning;
using Superposition.Specs;

namespace Superposition.Engine.Tests.Planning;

public sealed class WorkPlanTests
{
    [Fact]
    public void Calibration_plan_has_one_item_per_prompt_distribution_and_model_and_advances_prompt_by_prompt()
    {
        var spec = Specs.Small(prompts: 3);

        var items = WorkPlan.Expand("small-1", spec).ToList();

        Assert.Equal(12, WorkPlan.Count(spec));
        Assert.Equal(12, items.Distinct().Count());
        Assert.All(items, i => Assert.Equal("small-1", i.Experiment));
        // Every model and distribution has prompt p before any has prompt p + 1.
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], items.Select(i => i.Prompt));
        Assert.Equal(
            ["D1/reference-calibrated", "D1/reference-leaky", "D2/reference-calibrated", "D2/reference-leaky"],
            items.Take(4).Select(i => $"{i.Distribution}/{i.Model}"));
        Assert.Equal(
            [("reference-calibrated", "D1", 3), ("reference-calibrated", "D2", 3), ("reference-leaky", "D1", 3), ("reference-leaky", "D2", 3)],
            WorkPlan.Groups(spec));
    }

    [Fact]
    public void Collapse_plan_has_one_item_per_run_and_model_under_the_runs_segment()
    {
        var spec = Specs.Collapse(runs: 3);

        var items = WorkPlan.Expand("collapse-1", spec).ToList();

        Assert.Equal(6, WorkPlan.Count(spec));
        Assert.Equal(6, items.Distinct().Count());
        Assert.All(items, i => Assert.Equal(WorkPlan.Runs, i.Distribution));
        Assert.Equal([0, 0, 1, 1, 2, 2], items.Select(i => i.Prompt));
        Assert.Equal([("reference-sharp", WorkPlan.Runs, 3), ("reference-leaky", WorkPlan.Runs, 3)], WorkPlan.Groups(spec));
    }

    [Fact]
    public void Collapse_plan_with_two_initial_settings_runs_each_R_times_so_K_times_R_runs_per_model()
    {
        var spec = Specs.Collapse(runs: 3) with
        {
            Collapse = Specs.Collapse(runs: 3).Collapse! with
            {
                Initial = new InitialSettings([new InitialExamples(Counts: [2, 2, 2]), new InitialExamples(Counts: [1, 1, 4])], asArray: true),
            },
        };

        var items = WorkPlan.Expand("collapse-2", spec).ToList();

        Assert.Equal(12, WorkPlan.Count(spec));
        Assert.Equal(12, items.Distinct().Count());
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5], items.Select(i => i.Prompt));
        Assert.Equal([("reference-sharp", WorkPlan.Runs, 6), ("reference-leaky", WorkPlan.Runs, 6)], WorkPlan.Groups(spec));
    }
}
