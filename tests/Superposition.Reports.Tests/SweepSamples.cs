using Superposition.Collapse;
using Superposition.Results;
using Superposition.Specs;
using Superposition.Summaries;
using Superposition.Training;

namespace Superposition.Reports.Tests;

/// <summary>
/// A trained sweep built by hand: records of both regimes' presets (given out of order, one dirichlet model
/// without evaluation.json, one single-task model whose evaluation has no per-line losses), a calibration summary
/// from SummaryBuilder with the Pólya comparison (one model unknown to the records and of unknown size), and a
/// collapse summary from CollapseSummaryBuilder.
/// </summary>
internal static class SweepSamples
{
    /// <summary>A model the calibration experiment ran that has no record and no parameter count.</summary>
    public const string Stranger = "stranger";

    /// <summary>The dirichlet model whose folder has no evaluation.json.</summary>
    public const string Unevaluated = "train-numbers-dirichlet-l2-w40";

    /// <summary>The single-task model whose evaluation.json was written before the per-line losses (no byLine).</summary>
    public const string WithoutLines = "train-numbers-single-l2-w24";

    /// <summary>Lines per held-out sequence at most in the per-line losses: 5 examples, then the query.</summary>
    public const int Lines = 6;

    private static readonly Lazy<IReadOnlyList<TrainedModelRecord>> LazyModels = new(() =>
    [
        Record("dirichlet", "l3-w56", 3725.4, evaluated: true),
        Record("single", "l2-w24", 61, evaluated: true),
        Record("dirichlet", "l1-w16", 1800, evaluated: true),
        Record("dirichlet", "l2-w40", 2400, evaluated: false),
        Record("single", "l1-w16", 59.6, evaluated: true),
    ]);

    private static readonly Lazy<ExperimentSummary> LazyCalibration = new(() =>
    {
        var builder = new SummaryBuilder(Samples.Spec with { Polya = new PolyaSpec(1) });
        var betas = new Dictionary<string, (double Beta, double Mass)>
        {
            ["train-numbers-dirichlet-l1-w16"] = (0.7, 0.6),
            ["train-numbers-dirichlet-l3-w56"] = (1.0, 0.95),
            ["train-numbers-single-l1-w16"] = (1.8, 0.5),
            [Stranger] = (1.2, 0.8),
        };
        foreach (var (model, (beta, mass)) in betas)
        {
            foreach (var result in Samples.Results(model, beta, mass))
            {
                builder.Add(result);
            }
        }

        return builder.Build(new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero), Parameters);
    });

    private static readonly Lazy<ExperimentSummary> LazyCollapse = new(() =>
    {
        string[] tasks = ["number.identity", "number.negate"];
        string[] models = ["train-numbers-dirichlet-l1-w16", "train-numbers-dirichlet-l3-w56", "train-numbers-single-l1-w16"];
        var spec = new ExperimentSpec
        {
            Name = "trained-numbers-collapse",
            Kind = ExperimentKind.Collapse,
            Tasks = tasks,
            Models = models,
            Seed = 3,
            Polya = new PolyaSpec(1),
            Collapse = new CollapseSpec(new InitialExamples(Counts: [2, 2]), Turns: 20, Runs: 100, Calibration: "trained-numbers-fig6"),
        };
        var builder = new CollapseSummaryBuilder(spec);
        for (var m = 0; m < models.Length; m++)
        {
            var runs = UrnSimulator.Simulate(new UrnModel([3, 3], beta: 1 + (0.5 * m)), 20, 100, seed: 11 + m).Runs;
            for (var r = 0; r < runs.Count; r++)
            {
                builder.Add(new CollapseRunResult(1, spec.Name, models[m], r, tasks, [2, 2], [], runs[r].TaskCounts, runs[r].OtherCount, 1.0, Scores.ScoringCost.None, DateTimeOffset.UnixEpoch));
            }
        }

        // The single-task model has a fitted β; the dirichlet ones none, so their beta-urn reads n/a.
        var fit = new FittedCalibration("trained-numbers-fig6", tasks, new ExponentSummary(true, null, 1.5, 1.3, 1.7, [0.05, -0.05], 0.98, 12));
        return builder.Build(new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero), Parameters, model => model == models[2] ? fit : null);
    });

    /// <summary>Five records, out of page order.</summary>
    public static IReadOnlyList<TrainedModelRecord> Models => LazyModels.Value;

    public static ExperimentSummary Calibration => LazyCalibration.Value;

    public static ExperimentSummary Collapse => LazyCollapse.Value;

    public static TrainingSpec Spec(string regime) =>
        TrainingSpecLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "experiments", "training", $"train-numbers-{regime}.json"));

    /// <summary>The experiments' parameter count: the record's, except for the stranger (unknown).</summary>
    public static double? Parameters(string model) => Models.FirstOrDefault(m => m.Name == model)?.Parameters;

    /// <summary>
    /// Per-line losses of a model of <paramref name="width"/>: above the regime's floor (single-task: ln 6, then 0) by
    /// more at later lines, and the more the narrower the model (it fails at long contexts).
    /// </summary>
    private static List<HeldoutLineLoss> ByLine(string regime, int width) =>
    [
        .. Enumerable.Range(1, Lines).Select(k =>
        {
            var floor = regime == "dirichlet" ? 1.8 / Math.Sqrt(k) : k == 1 ? Math.Log(6) : 0;
            var sequences = k <= 2 ? 64 : 64 - (12 * (k - 2));
            return new HeldoutLineLoss(k, sequences, sequences * 2, floor + 0.1 + (k * 4.0 / width), floor);
        }),
    ];

    private static TrainedModelRecord Record(string regime, string size, double seconds, bool evaluated)
    {
        var spec = Spec(regime);
        var model = spec.ResolveSizes().Single(s => s.Name == size);

        // Distinct, recognisable numbers per model: losses fall with the width.
        var loss = 1.0 + (10.0 / model.Width);
        var evaluation = evaluated
            ? new ModelEvaluation(
                new HeldoutEvaluation(64, 9000, loss + 0.01, loss + 0.0099, regime == "dirichlet" ? 0.98765 : 0.54321, $"{spec.Name}-{size}" == WithoutLines ? null : ByLine(regime, model.Width)),
                new SingleTaskEvaluation("5", 360, 300, 300 / 360.0,
                [
                    new SingleTaskAccuracy(1, 60, 20, 20 / 60.0),
                    new SingleTaskAccuracy(10, 60, 50, 50 / 60.0),
                    new SingleTaskAccuracy(60, 60, 59, 59 / 60.0),
                ]))
            : null;
        var curve = Enumerable.Range(1, 10).Select(i => (i * 100, loss + (2.0 / i))).ToList();
        var steps = spec.Training.Steps!.Value;
        return new TrainedModelRecord($"{spec.Name}-{size}", spec, size, model.Parameters, model.NonEmbeddingParameters, steps,
            (long)steps * spec.Training.Batch * 700, seconds, loss - 0.02, loss + 0.0099, curve, evaluation);
    }
}
