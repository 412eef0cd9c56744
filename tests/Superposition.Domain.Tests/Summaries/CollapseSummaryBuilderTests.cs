using Superposition.Collapse;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Summaries;

namespace Superposition.Domain.Tests.Summaries;

public sealed class CollapseSummaryBuilderTests
{
    private static readonly ExperimentSpec Spec = new()
    {
        Name = "collapse-test",
        Kind = ExperimentKind.Collapse,
        Tasks = ["country.capital", "country.first-letter"],
        Models = ["calibrated", "sharp"],
        Seed = 4,
        Collapse = new CollapseSpec(new InitialExamples(Counts: [5, 3]), Turns: 20, Runs: 400, Calibration: "fig6-countries"),
    };

    private static IEnumerable<CollapseRunResult> Runs(string model, double beta) =>
        UrnSimulator.Simulate(new UrnModel([5, 3], beta), 20, 400, seed: beta == 1 ? 11 : 12).Runs.Select((outcome, run) =>
            new CollapseRunResult(1, Spec.Name, model, run, Spec.Tasks, [5, 3], [], outcome.TaskCounts, outcome.OtherCount, 1.0, ScoringCost.None, DateTimeOffset.UnixEpoch));

    private static ExperimentSummary Summarize(Func<string, FittedCalibration?>? calibration = null)
    {
        var builder = new CollapseSummaryBuilder(Spec);
        foreach (var run in Runs("calibrated", 1).Concat(Runs("sharp", 3)))
        {
            builder.Add(run);
        }

        return builder.Build(DateTimeOffset.UnixEpoch, null, calibration);
    }

    /// <summary>The sharp model's fit on fig6-countries, whose tasks are listed in <paramref name="tasks"/>' order.</summary>
    private static Func<string, FittedCalibration?> SharpFit(string[] tasks, double[] biases, double beta = 3, bool identifiable = true) =>
        model => model == "sharp"
            ? new FittedCalibration("fig6-countries", tasks, new ExponentSummary(identifiable, identifiable ? null : "only D1", identifiable ? beta : null, null, null, biases, null, 18))
            : null;

    [Fact]
    public void Calibrated_runs_fit_the_urn_and_sharp_runs_do_not()
    {
        var summary = Summarize();
        Assert.Empty(summary.Models);
        var calibrated = summary.Collapse!.Single(m => m.Model == "calibrated");
        var sharp = summary.Collapse!.Single(m => m.Model == "sharp");
        Assert.True(calibrated.Report.Fit.PValue > 1e-3, $"calibrated p = {calibrated.Report.Fit.PValue}");
        Assert.True(sharp.Report.Fit.PValue < 1e-6, $"sharp p = {sharp.Report.Fit.PValue}");
        Assert.True(sharp.Report.Observed.CollapseIndex > calibrated.Report.CalibratedUrn.CollapseIndex + 0.1);
        Assert.Equal([5, 3], calibrated.InitialCounts);
        Assert.Equal(800, summary.Results);
        Assert.Null(calibrated.BetaUrn);
    }

    [Fact]
    public void A_fitted_exponent_gives_the_beta_urn_prediction_and_names_its_source()
    {
        var summary = Summarize(SharpFit(["country.capital", "country.first-letter"], [0, 0]));
        var sharp = summary.Collapse!.Single(m => m.Model == "sharp");
        Assert.Equal(("fig6-countries", 3.0), (sharp.BetaUrn!.Experiment, sharp.BetaUrn.Beta));
        Assert.Equal([0.0, 0.0], sharp.BetaUrn.TaskBiases);

        // The beta-urn predicts what the β = 3 runs did, within sampling error.
        var predicted = sharp.Report.BetaUrn!.CollapseIndex;
        var se = Math.Sqrt(predicted * (1 - predicted) / 400);
        Assert.InRange(sharp.Report.Observed.CollapseIndex, predicted - (5 * se) - 0.02, predicted + (5 * se) + 0.02);
    }

    [Fact]
    public void Each_model_is_tested_against_its_beta_urn_where_it_has_one_and_runs_that_are_that_urn_pass()
    {
        var summary = Summarize(SharpFit(["country.capital", "country.first-letter"], [0, 0]));
        var sharp = summary.Collapse!.Single(m => m.Model == "sharp");
        var calibrated = summary.Collapse!.Single(m => m.Model == "calibrated");

        // The β = 3 runs reject the calibrated urn as over-dispersed; against the β = 3 beta-urn they came from their
        // spread is the urn's own (this seed's p is 0.04, a draw from the uniform p of a true urn, so the bound is 1%).
        Assert.Equal(DispersionVerdict.OverDispersed, sharp.Report.Dispersion!.VerdictAt());
        var test = sharp.Report.BetaUrnDispersion!;
        Assert.True(test.PValue > 0.01, $"p = {test.PValue}, ratio {test.Ratio}");
        Assert.InRange(test.Ratio, 0.9, 1.1);
        Assert.Equal(400, test.Runs);
        Assert.Null(calibrated.Report.BetaUrnDispersion);
    }

    [Fact]
    public void A_calibration_listing_the_tasks_in_another_order_gives_the_identical_beta_urn()
    {
        var inOrder = Summarize(SharpFit(["country.capital", "country.first-letter"], [0.4, -0.4])).Collapse!.Single(m => m.Model == "sharp");
        var permuted = Summarize(SharpFit(["country.first-letter", "country.capital"], [-0.4, 0.4])).Collapse!.Single(m => m.Model == "sharp");

        Assert.Equal([0.4, -0.4], inOrder.BetaUrn!.TaskBiases);
        Assert.Equal(inOrder.BetaUrn.TaskBiases, permuted.BetaUrn!.TaskBiases);
        Assert.Equal(inOrder.Report.BetaUrn, permuted.Report.BetaUrn);
        Assert.Null(permuted.BetaUrnProblem);
    }

    [Fact]
    public void A_calibration_with_other_tasks_gives_no_beta_urn_but_a_problem_naming_them_and_keeps_the_rest()
    {
        var summary = Summarize(SharpFit(["country.capital", "country.language"], [0.4, -0.4]));
        var sharp = summary.Collapse!.Single(m => m.Model == "sharp");

        Assert.Null(sharp.BetaUrn);
        Assert.Null(sharp.Report.BetaUrn);
        Assert.Equal(
            "calibration experiment 'fig6-countries' does not have the tasks of collapse experiment 'collapse-test': it lacks task(s) country.first-letter of collapse experiment 'collapse-test'; it has task(s) country.language that collapse experiment 'collapse-test' does not",
            sharp.BetaUrnProblem);
        Assert.Equal(400, sharp.Report.Observed.Runs);
        Assert.True(sharp.Report.Fit.PValue < 1e-6);
        Assert.Null(summary.Collapse!.Single(m => m.Model == "calibrated").BetaUrnProblem);
    }

    [Theory]
    [InlineData(3.0, false, "is not identifiable (only D1)")]
    [InlineData(25.0, true, "β = 25 of sharp in calibration experiment 'fig6-countries' lies outside [0, 20]")]
    public void An_unusable_exponent_is_recorded_as_the_beta_urn_problem(double beta, bool identifiable, string expected)
    {
        var sharp = Summarize(SharpFit(["country.capital", "country.first-letter"], [0, 0], beta, identifiable)).Collapse!.Single(m => m.Model == "sharp");

        Assert.Null(sharp.BetaUrn);
        Assert.Contains(expected, sharp.BetaUrnProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_model_gets_both_tests_against_the_calibrated_urn()
    {
        var summary = Summarize();
        var calibrated = summary.Collapse!.Single(m => m.Model == "calibrated").Report;
        var sharp = summary.Collapse!.Single(m => m.Model == "sharp").Report;

        Assert.True(calibrated.Dispersion!.PValue > 0.01, $"calibrated dispersion p = {calibrated.Dispersion.PValue}");
        Assert.True(sharp.Dispersion!.Ratio > 1.5, $"sharp dispersion ratio {sharp.Dispersion.Ratio}");
        Assert.True(sharp.Dispersion.PValue < 0.01, $"sharp dispersion p = {sharp.Dispersion.PValue}");
        Assert.Equal((400, 0), (calibrated.Fit.Runs, calibrated.Fit.ExcludedRuns));
    }

    [Fact]
    public void Runs_of_another_experiment_are_rejected() =>
        Assert.Throws<ArgumentException>(() => new CollapseSummaryBuilder(Spec).Add(Runs("calibrated", 1).First() with { Experiment = "x" }));

    [Fact]
    public void With_polya_the_calibrated_urn_starts_at_the_counts_plus_alpha_and_the_beta_urn_at_the_counts()
    {
        var spec = Spec with { Polya = new PolyaSpec(0.5) };
        var builder = new CollapseSummaryBuilder(spec);
        foreach (var run in Runs("calibrated", 1).Concat(Runs("sharp", 3)))
        {
            builder.Add(run);
        }

        var summary = builder.Build(DateTimeOffset.UnixEpoch, null, SharpFit(["country.capital", "country.first-letter"], [0, 0]));
        var sharp = summary.Collapse!.Single(m => m.Model == "sharp");
        var outcomes = Runs("sharp", 3).Select(r => r.Outcome).ToList();

        // Every run has 20 task answers, so the prediction for the runs' totals is the exact urn at T = 20.
        Assert.Equal(UrnPredictions.Exact([5.5, 3.5], 20), sharp.Report.CalibratedUrn);
        Assert.NotEqual(UrnPredictions.Exact([5, 3], 20), sharp.Report.CalibratedUrn);
        Assert.Equal(DirichletMultinomialFit.ChiSquare(outcomes, [5.5, 3.5]), sharp.Report.Fit);
        Assert.Equal([5.5, 3.5], sharp.UrnInitial);
        Assert.Equal(0.5, sharp.PolyaAlpha);
        Assert.Equal([5, 3], sharp.InitialCounts);
        Assert.Equal("Pólya urn from n + α", sharp.UrnName());

        var beta = UrnPredictions.SimulatedForTotals(new UrnModel([5, 3], 3), [.. outcomes.Select(o => o.TaskAnswers)], CollapseSummaryBuilder.PredictionSeed(spec, "sharp"));
        Assert.Equal(beta, sharp.Report.BetaUrn);
    }

    [Fact]
    public void Without_polya_the_summary_records_the_counts_as_the_urns_start()
    {
        var calibrated = Summarize().Collapse!.Single(m => m.Model == "calibrated");
        Assert.Equal([5.0, 3.0], calibrated.UrnInitial);
        Assert.Null(calibrated.PolyaAlpha);
        Assert.Equal(UrnPredictions.Exact([5, 3], 20), calibrated.Report.CalibratedUrn);
    }

    [Fact]
    public void Two_initial_settings_give_two_summaries_per_model_with_their_counts_and_runs()
    {
        var settings = new InitialSettings([new InitialExamples(Counts: [5, 3]), new InitialExamples(Counts: [2, 6])], asArray: true);
        var spec = Spec with { Collapse = Spec.Collapse! with { Initial = settings, Runs = 30 } };
        var builder = new CollapseSummaryBuilder(spec);

        // Runs 0..29 are of setting 0 and all end on task 0; runs 30..59 are of setting 1 and all end on task 1.
        foreach (var model in new[] { "sharp", "calibrated" })
        {
            for (var run = 0; run < 60; run++)
            {
                int[] final = run < 30 ? [20, 0] : [0, 20];
                int[] initial = run < 30 ? [5, 3] : [2, 6];
                builder.Add(new CollapseRunResult(1, spec.Name, model, run, spec.Tasks, initial, [], final, 0, 1.0, ScoringCost.None, DateTimeOffset.UnixEpoch));
            }
        }

        var summaries = builder.Build(DateTimeOffset.UnixEpoch).Collapse!;
        Assert.Equal(
            [("calibrated", 0), ("calibrated", 1), ("sharp", 0), ("sharp", 1)],
            summaries.Select(m => (m.Model, m.Setting)));
        Assert.All(summaries, m => Assert.Equal(30, m.Report.Observed.Runs));
        Assert.All(summaries.Where(m => m.Setting == 0), m =>
        {
            Assert.Equal([5, 3], m.InitialCounts);
            Assert.Equal(1.0, m.Report.Observed.MeanShares[0]);
        });
        Assert.All(summaries.Where(m => m.Setting == 1), m =>
        {
            Assert.Equal([2, 6], m.InitialCounts);
            Assert.Equal(0.0, m.Report.Observed.MeanShares[0]);
        });
        Assert.Equal(UrnPredictions.Exact([2, 6], 20), summaries[1].Report.CalibratedUrn);
        Assert.Equal("calibrated (counts 2,6)", CollapseModelSummary.Label(summaries[1], summaries));
    }

    [Fact]
    public void A_run_index_past_every_setting_is_rejected_naming_it()
    {
        var builder = new CollapseSummaryBuilder(Spec);
        var ex = Assert.Throws<ArgumentException>(() => builder.Add(new CollapseRunResult(1, Spec.Name, "sharp", 400, Spec.Tasks, [5, 3], [], [10, 10], 0, 1.0, ScoringCost.None, DateTimeOffset.UnixEpoch)));
        Assert.Contains("Run 400", ex.Message, StringComparison.Ordinal);
    }
}
