using Superposition.Summaries;

namespace Superposition.Domain.Tests.Summaries;

public sealed class FittedCalibrationTests
{
    private static readonly string[] CollapseTasks = ["country.capital", "country.first-letter", "country.language"];

    private static FittedCalibration Fit(string[] tasks, double[] biases) =>
        new("note-countries", tasks, new ExponentSummary(true, null, 2, 1.9, 2.1, biases, 0.99, 12));

    [Fact]
    public void Biases_are_taken_by_task_id_in_the_collapse_experiments_order()
    {
        var fit = Fit(["country.language", "country.capital", "country.first-letter"], [-0.5, 0.7, -0.2]);

        Assert.Null(fit.TaskMismatch("collapse-note", CollapseTasks));
        Assert.Equal([0.7, -0.2, -0.5], fit.TaskBiasesFor("collapse-note", CollapseTasks));
    }

    [Fact]
    public void Missing_and_extra_tasks_are_an_error_naming_them_and_both_experiments()
    {
        var fit = Fit(["country.capital", "country.continent", "country.first-letter"], [0.1, 0.2, -0.3]);

        var error = Assert.Throws<ArgumentException>(() => fit.TaskBiasesFor("collapse-note", CollapseTasks));

        Assert.Equal("tasks", error.ParamName);
        Assert.Contains("Calibration experiment 'note-countries'", error.Message, StringComparison.Ordinal);
        Assert.Contains("lacks task(s) country.language of collapse experiment 'collapse-note'", error.Message, StringComparison.Ordinal);
        Assert.Contains("has task(s) country.continent that collapse experiment 'collapse-note' does not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calibration_with_fewer_tasks_names_only_the_missing_ones()
    {
        var fit = Fit(["country.capital", "country.first-letter"], [0.1, -0.1]);

        var problem = fit.TaskMismatch("collapse-note", CollapseTasks);

        Assert.Contains("lacks task(s) country.language", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("that collapse experiment", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Biases_that_do_not_match_the_task_list_are_named()
    {
        Assert.Contains("has 2 task biases for its 3 tasks", Fit([.. CollapseTasks], [0.1, -0.1]).TaskMismatch("c", CollapseTasks), StringComparison.Ordinal);
        Assert.Contains("lists task(s) country.capital more than once", Fit(["country.capital", "country.capital", "country.language"], [0, 0, 0]).TaskMismatch("c", CollapseTasks), StringComparison.Ordinal);
    }

    [Fact]
    public void Of_a_calibration_summary_carries_its_name_tasks_and_the_models_exponent()
    {
        var exponent = new ExponentSummary(true, null, 3, 2.9, 3.1, [0.2, -0.2], 1, 8);
        var summary = new ExperimentSummary(
            1, "note-countries", ["country.language", "country.capital"], 16, DateTimeOffset.UnixEpoch, [new ModelSummary("sharp", null, [], exponent)]);

        Assert.Equal(new FittedCalibration("note-countries", summary.Tasks, exponent), FittedCalibration.Of(summary, "sharp"));
        Assert.Null(FittedCalibration.Of(summary, "absent"));
    }

    [Fact]
    public void A_calibration_that_took_only_the_prefix_inclusive_measure_gives_no_beta_urn_and_says_why()
    {
        var prefixOnly = new ExponentSummary(true, null, 0.84, 0.76, 0.92, [0.1, -0.1], 0.99, 8);
        var summary = new ExperimentSummary(
            2, "note-countries", ["country.language", "country.capital"], 16, DateTimeOffset.UnixEpoch, [new ModelSummary("paper", null, [], Exponent: null, PrefixExponent: prefixOnly)]);

        var fit = FittedCalibration.Of(summary, "paper")!;

        Assert.False(fit.Exponent.Identifiable);
        Assert.Contains("only the prefix-inclusive P", fit.Exponent.Reason, StringComparison.Ordinal);
    }
}
