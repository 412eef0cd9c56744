using Superposition.Collapse;
using Superposition.Prompts;
using Superposition.Results;
using Superposition.Scores;
using Superposition.Specs;
using Superposition.Summaries;

namespace Superposition.Reports.Tests;

/// <summary>
/// Synthetic experiments built the way the real pipeline builds them: prompts from the fig6-numbers preset,
/// per-prompt results of models that answer task i with probability mass · D_i^β / Σ D^β, and SummaryBuilder.
/// </summary>
internal static class Samples
{
    /// <summary>A model name full of characters that HTML must escape.</summary>
    public const string HostileModel = "org/<b>tiny</b> & \"quoted\" <script>alert(1)</script>";

    private static readonly Lazy<ExperimentSpec> LazySpec = new(() =>
        SpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", "fig6-numbers.json")) with { Prompts = 8 });

    private static readonly Lazy<IReadOnlyList<PromptResult>> LazyResults = new(() =>
    [
        .. Results("large-70b", beta: 1, mass: 0.9),
        .. Results("medium-7b", beta: 1.6, mass: 0.4),
        .. Results(HostileModel, beta: 2.5, mass: 0.15),
        .. Results("broken", beta: 1, mass: 0.5, zeroEvery: 3),
    ]);

    private static readonly Lazy<ExperimentSummary> LazySummary = new(() => Summarize(LazyResults.Value));

    public static ExperimentSpec Spec => LazySpec.Value;

    public static IReadOnlyList<PromptResult> PromptResults => LazyResults.Value;

    /// <summary>Four models: 70B, 7B, 0.5B (hostile name) and one of unknown size whose every third prompt has a zero.</summary>
    public static ExperimentSummary Summary => LazySummary.Value;

    public static double? Parameters(string model) => model switch
    {
        "large-70b" => 70e9,
        "medium-7b" => 7e9,
        HostileModel => 0.5e9,
        _ => null,
    };

    public static ExperimentSummary Summarize(IEnumerable<PromptResult> results)
    {
        var builder = new SummaryBuilder(Spec);
        foreach (var result in results)
        {
            builder.Add(result);
        }

        return builder.Build(new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero), Parameters);
    }

    public static IEnumerable<PromptResult> Results(string model, double beta, double mass, int zeroEvery = 0)
    {
        var generator = new PromptGenerator(Spec.ResolveTasks());
        foreach (var distribution in Spec.ResolveDistributions())
        {
            foreach (var prompt in generator.GenerateMany(distribution, Spec.Examples, Spec.Prompts, Spec.Seed))
            {
                var weights = prompt.Shares.Select(d => Math.Pow(d, beta)).ToArray();
                var zero = zeroEvery > 0 && prompt.Index % zeroEvery == 0;
                // The prefix-inclusive P is 1.5 times P(answer + "\n") (capped at 1), so the two measures' numbers differ.
                var candidates = prompt.Candidates
                    .Select((c, i) =>
                    {
                        var log = zero && i == 0 ? double.NegativeInfinity : Math.Log(mass * weights[i] / weights.Sum());
                        return new CandidateScore(c.Task, c.Answer, AnswerProbability.Exact(log), AnswerProbability.Exact(Math.Min(0, log + Math.Log(1.5))));
                    })
                    .ToList();
                var score = new PromptScore(model, "echo", candidates, new ScoringCost(1, 400, 100, 0, 5));
                yield return PromptResult.Create(Spec.Name, prompt, score, DateTimeOffset.UnixEpoch);
            }
        }
    }

    /// <summary>Two tasks from (10, 10): 200 runs of 40 turns of an over-confident urn (β = 2), with trajectories.</summary>
    public static CollapseReportData Collapse()
    {
        double[] initial = [10, 10];
        var observed = UrnSimulator.Simulate(new UrnModel(initial, beta: 2, otherRate: 0.05), 40, 200, seed: 7, trajectories: 5);
        var betaUrn = UrnSimulator.SimulateRuns(new UrnModel(initial, beta: 1.8), [.. observed.Runs.Select(r => r.TaskAnswers)], seed: 8);
        return new CollapseReportData("medium-7b", ["country.capital", "country.first-letter"], initial, 40, observed.Runs, observed.Trajectories, betaUrn, 1.8);
    }

    /// <summary>
    /// A collapse summary from (10, 10) over 40 turns: the runs of <see cref="Collapse"/> ("medium-7b", β = 2, some
    /// answers other, so a few runs fall at totals too rare for the chi-square) and a flattened model ("flat-1b",
    /// β = 0.5). medium-7b's calibration experiment has other tasks: no beta-urn, a problem instead.
    /// </summary>
    public static ExperimentSummary CollapseSummary()
    {
        var spec = new ExperimentSpec
        {
            Name = "collapse-sample",
            Kind = ExperimentKind.Collapse,
            Tasks = ["country.capital", "country.first-letter"],
            Models = ["medium-7b", "flat-1b"],
            Seed = 3,
            Collapse = new CollapseSpec(new InitialExamples(Counts: [10, 10]), Turns: 40, Runs: 200, Calibration: "fig6-countries"),
        };
        var builder = new CollapseSummaryBuilder(spec);
        void Add(string model, IReadOnlyList<RunOutcome> runs)
        {
            for (var r = 0; r < runs.Count; r++)
            {
                builder.Add(new CollapseRunResult(1, spec.Name, model, r, spec.Tasks, [10, 10], [], runs[r].TaskCounts, runs[r].OtherCount, 1.0, ScoringCost.None, DateTimeOffset.UnixEpoch));
            }
        }

        Add("medium-7b", Collapse().Runs);
        Add("flat-1b", UrnSimulator.Simulate(new UrnModel([10, 10], beta: 0.5), 40, 200, seed: 9).Runs);
        var otherTasks = new FittedCalibration("fig6-countries", ["country.capital", "country.language"], new ExponentSummary(true, null, 2, 1.8, 2.2, [0.1, -0.1], 0.99, 12));
        return builder.Build(new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero), Parameters, model => model == "medium-7b" ? otherTasks : null);
    }

    /// <summary>Three nightly entries of the sample summary on consecutive dates.</summary>
    public static IReadOnlyList<HistoryEntry> History() =>
    [
        .. Enumerable.Range(0, 3).Select(i => HistoryEntry.FromSummary($"run-{i}", Summary, new DateTimeOffset(2025, 3, 12 + i, 2, 0, 0, TimeSpan.Zero))),
    ];
}
