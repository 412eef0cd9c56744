using Microsoft.Extensions.Time.Testing;
using Superposition.Collapse;
using Superposition.Prompts;
using Superposition.Results;
using Superposition.Specs;
using Superposition.Summaries;

namespace Superposition.Scoring.Tests.Collapse;

/// <summary>
/// Issue 6's claims tested end to end: multi-turn runs sampled over real HTTP from the reference models, against
/// the Pólya urn. A calibrated model must behave as the urn (not collapse); a β = 3 model must collapse.
/// </summary>
public sealed class CollapseAgainstReferenceModelsTests
{
    // Two tasks from (2, 2) examples, 10 turns, 1000 runs: cheap (10,000 short requests per model), yet the
    // calibrated urn's collapse index is 0.22 while β = 3 gives about 0.79, so the fit separates them decisively.
    private static ExperimentSpec Spec(string model) => new()
    {
        Name = "collapse-reference",
        Kind = ExperimentKind.Collapse,
        Tasks = ["country.capital", "country.first-letter"],
        Models = [model],
        Seed = 17,
        Collapse = new CollapseSpec(new InitialExamples(Counts: [2, 2]), Turns: 10, Runs: 1000),
    };

    // Results and summaries are stamped with a fixed clock: nothing here depends on when the test runs.
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private static async Task<CollapseModelSummary> RunAllAsync(ScorerHost host, string model)
    {
        var spec = Spec(model);
        var sampler = new ScorerAnswerSampler(host.Scorer);
        var results = new CollapseRunResult[spec.Collapse!.Runs];
        await Parallel.ForEachAsync(Enumerable.Range(0, spec.Collapse.Runs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (run, ct) =>
            results[run] = await MultiTurnRunner.RunAsync(spec, model, run, sampler, Time, ct));
        var builder = new CollapseSummaryBuilder(spec);
        foreach (var result in results)
        {
            builder.Add(result);
        }

        return builder.Build(Time.GetUtcNow()).Collapse!.Single();
    }

    [Fact]
    public async Task Calibrated_reference_model_behaves_as_the_Polya_urn_and_sharp_one_collapses_far_beyond_it()
    {
        await using var host = await ScorerHost.StartAsync();

        var calibrated = await RunAllAsync(host, "reference-calibrated");
        Assert.True(calibrated.Report.Fit.PValue > 0.01, $"calibrated runs rejected: p = {calibrated.Report.Fit.PValue}");
        Assert.Equal(0, calibrated.Report.Observed.OtherRate);
        var urn = calibrated.Report.CalibratedUrn.CollapseIndex;
        var se = Math.Sqrt(urn * (1 - urn) / 1000);
        Assert.InRange(calibrated.Report.Observed.CollapseIndex, urn - (5 * se), urn + (5 * se));

        var sharp = await RunAllAsync(host, "reference-sharp");
        Assert.True(sharp.Report.Fit.PValue < 1e-6, $"sharp runs not rejected: p = {sharp.Report.Fit.PValue}");
        Assert.True(sharp.Report.Observed.CollapseIndex > sharp.Report.CalibratedUrn.CollapseIndex + 0.3,
            $"sharp collapse index {sharp.Report.Observed.CollapseIndex} vs urn {sharp.Report.CalibratedUrn.CollapseIndex}");
    }

    [Theory]
    [InlineData("reference-calibrated", 1.0)]
    [InlineData("reference-sharp", 3.0)]
    [InlineData("reference-flat", 0.5)]
    public async Task Calibration_exponent_fitted_from_scored_prompts_recovers_the_servers_beta(string model, double beta)
    {
        await using var host = await ScorerHost.StartAsync();
        var spec = SpecLoader.Parse($$"""
            {"version": 1, "name": "beta-fit", "kind": "calibration", "tasks": ["country.capital", "country.first-letter", "country.language"],
             "distributions": ["D1", "D2", "D3"], "examples": 24, "prompts": 8, "seed": 5, "models": ["{{model}}"]}
            """);
        var builder = new SummaryBuilder(spec);
        var generator = new PromptGenerator(spec.ResolveTasks());
        foreach (var distribution in spec.ResolveDistributions())
        {
            foreach (var prompt in generator.GenerateMany(distribution, spec.Examples, spec.Prompts, spec.Seed))
            {
                builder.Add(PromptResult.Create(spec.Name, prompt, await host.Scorer.ScoreAsync(model, prompt, spec.Scoring), Time.GetUtcNow()));
            }
        }

        var exponent = builder.Build(Time.GetUtcNow()).Models.Single().Exponent!;
        Assert.True(exponent.Identifiable, exponent.Reason);
        Assert.InRange(beta, exponent.Low!.Value - 1e-6, exponent.High!.Value + 1e-6);
        Assert.Equal(beta, exponent.Beta!.Value, 6);
    }
}
