using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Superposition.Collapse;
using Superposition.Engine.Planning;
using Superposition.Engine.Running;
using Superposition.Reports;
using Superposition.Reports.Html;
using Superposition.Results;
using Superposition.Specs;
using Superposition.Storage.Experiments;
using Superposition.Summaries;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition demo [--out dir]</c>: the suite's main job, offline. Runs the paper's Fig. 6 protocol
/// (fig6-numbers, fig6-countries; D1–D3), the research note's mix (note-countries) and its multi-turn collapse
/// experiment against the five reference models (calibrated, sharp, flat, biased, leaky, in place of a model-size
/// sweep), then the same protocol and a collapse experiment over the committed trained sweeps (trained-numbers-fig6,
/// trained-numbers-collapse: transformers the suite trained from scratch, served from models/ through ONNX Runtime),
/// writes an HTML report per experiment, the trained sweep's page and an index, and prints one table and at most
/// three lines of reading per experiment (<see cref="CompactTables"/>; every table with --verbose).
/// </summary>
internal static class DemoCommand
{
    /// <summary>Run in this order: the collapse experiment reads note-countries' fitted β for its beta-urn.</summary>
    /// <summary>The trained sweep's page, under the reports folder.</summary>
    public const string TrainedSweepFolder = "trained-sweep";

    private static readonly string[] Experiments =
        ["fig6-numbers", "fig6-countries", "note-countries", "collapse-note-countries", "trained-numbers-fig6", "trained-numbers-collapse"];

    public static Command Create(CliConsole console, Func<IConfiguration> configuration)
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for results and reports (default out/demo).", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Work items in flight at once (default 8).", DefaultValueFactory = _ => 8 };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print every table (per distribution, each measure, the urn fits) instead of one table and its reading per experiment." };
        var command = new Command("demo", "Run the Fig. 6 protocol and a collapse experiment against the reference models, offline, and write the reports.") { output, parallel, verbose };
        command.SetAction((parse, cancellationToken) => RunAsync(console, configuration(), parse.GetValue(output)!, parse.GetValue(parallel), parse.GetValue(verbose), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, IConfiguration configuration, string output, int parallel, bool verbose, CancellationToken cancellationToken)
    {
        if (parallel < 1)
        {
            throw new CliInputException($"--parallel must be at least 1 (got {parallel})");
        }

        var clock = Stopwatch.StartNew();
        await using var provider = EngineServices.ToFolder(configuration, output);
        var runner = provider.GetRequiredService<ExperimentRunner>();
        var store = provider.GetRequiredService<ExperimentStore>();
        var reports = Path.Combine(output, "reports");
        var entries = new List<IndexEntry>();
        var summaries = new Dictionary<string, ExperimentSummary>(StringComparer.Ordinal);
        var failed = 0;
        foreach (var name in Experiments)
        {
            var spec = DemoSize(Preset(name));
            EngineServices.CheckExperiment(provider, spec, name);
            RunReport report;
            try
            {
                report = await ExperimentProgress.RunAsync(console, runner, spec, parallel, $"{spec.Name}: {WorkPlan.Count(spec)} items", cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await console.Out.WriteLineAsync($"Stopped. Finished results are kept in {output}; run the demo again to resume.");
                return CliApp.Failure;
            }

            failed += report.Failed;
            var directory = Path.Combine(reports, spec.Name);
            if (spec.Collapse is null)
            {
                var results = await store.ReadResultsAsync(report.Id, 32, cancellationToken).ToListAsync(cancellationToken);
                ReportWriter.Write(report.Summary, results, null, directory);
            }
            else
            {
                ReportWriter.Write(report.Summary, null, await FeaturedCollapseAsync(store, report, spec, cancellationToken), directory);
            }

            entries.Add(new IndexEntry(report.Summary, $"{spec.Name}/{ReportWriter.ReportFileName}"));
            summaries[spec.Name] = report.Summary;
            if (verbose)
            {
                SummaryTables.Write(console, report.Summary);
            }
            else
            {
                CompactTables.Write(console, report.Summary);
            }
        }

        var links = new List<IndexLink>();
        var trained = EngineServices.TrainedRecords(provider, name => name.StartsWith("train-numbers-", StringComparison.Ordinal));
        if (trained.Count > 0)
        {
            ReportWriter.WriteTrainedSweep(trained, summaries.GetValueOrDefault("trained-numbers-fig6"), summaries.GetValueOrDefault("trained-numbers-collapse"), Path.Combine(reports, TrainedSweepFolder));
            links.Add(new IndexLink("Transformers trained from scratch", $"{TrainedSweepFolder}/index.html", "the committed sweeps: training, calibration against size, β and collapse against the urns"));
        }

        var index = ReportWriter.WriteIndex(entries, reports, links: links);
        await console.Out.WriteLineAsync($"Demo done in {clock.Elapsed.TotalSeconds:0} s{(failed > 0 ? $", {failed} items failed" : "")}. Reports: {Path.GetFullPath(index)}");
        return failed > 0 ? CliApp.Failure : CliApp.Success;
    }

    /// <summary>
    /// The trained sweeps' experiments at demo size, so that the demo stays about a minute on 2 cores: 8 models
    /// served through ONNX Runtime cost more per prompt than the reference models. 25 prompts per distribution instead
    /// of 100, and 12 runs of 20 turns per starting point instead of 100 of 40; <c>superposition findings</c> (or
    /// <c>superposition run experiments/trained-numbers-*.json</c>) runs them in full. The reference models'
    /// experiments run as their presets say.
    /// </summary>
    internal static ExperimentSpec DemoSize(ExperimentSpec spec) => spec.Name switch
    {
        "trained-numbers-fig6" => spec with { Prompts = TrainedDemoPrompts, Description = spec.Description + $" Demo size: {TrainedDemoPrompts} prompts per distribution." },
        "trained-numbers-collapse" => spec with
        {
            Collapse = spec.Collapse! with { Runs = TrainedDemoRuns, Turns = TrainedDemoTurns },
            Description = spec.Description + $" Demo size: {TrainedDemoRuns} runs of {TrainedDemoTurns} turns per starting point.",
        },
        _ => spec,
    };

    /// <summary>Prompts per distribution of trained-numbers-fig6 in the demo.</summary>
    internal const int TrainedDemoPrompts = 25;

    /// <summary>Runs per starting point of trained-numbers-collapse in the demo.</summary>
    internal const int TrainedDemoRuns = 12;

    /// <summary>Turns per run of trained-numbers-collapse in the demo.</summary>
    internal const int TrainedDemoTurns = 20;

    private static ExperimentSpec Preset(string name)
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream($"Superposition.Cli.Demo.{name}.json")
            ?? throw new InvalidOperationException($"The demo experiment '{name}' is missing from the executable.");
        using var reader = new StreamReader(stream);
        return SpecLoader.Parse(reader.ReadToEnd(), name + ".json");
    }

    /// <summary>
    /// The collapse report details one model's runs (plots of shares and trajectories): the one whose runs are
    /// furthest from the calibrated urn (largest collapse-index gap), with its beta-urn's simulated runs.
    /// </summary>
    private static async Task<CollapseReportData?> FeaturedCollapseAsync(ExperimentStore store, RunReport report, ExperimentSpec spec, CancellationToken cancellationToken)
    {
        var featured = report.Summary.Collapse?
            .OrderByDescending(m => Math.Abs(m.Report.Observed.CollapseIndex - m.Report.CalibratedUrn.CollapseIndex))
            .FirstOrDefault();
        if (featured is null)
        {
            return null;
        }

        var runs = new List<CollapseRunResult>();
        await foreach (var run in store.ReadRunResultsAsync(report.Id, 32, cancellationToken))
        {
            if (run.Model == featured.Model && spec.Collapse!.SettingOf(run.Run) == featured.Setting)
            {
                runs.Add(run);
            }
        }

        var initial = featured.InitialCounts.Select(c => (double)c).ToArray();
        var outcomes = runs.Select(r => r.Outcome).ToList();
        var trajectories = runs.Take(6)
            .Select(r => (IReadOnlyList<int>)[.. r.Turns.Select(t => t.Task is null ? -1 : spec.Tasks.ToList().IndexOf(t.Task))])
            .ToList();
        IReadOnlyList<RunOutcome>? betaRuns = null;
        if (featured.BetaUrn is { } source)
        {
            var urn = new UrnModel(initial, source.Beta, source.TaskBiases);
            // The very simulation the summary's beta-urn numbers came from, so the table and the plot agree.
            betaRuns = UrnPredictions.SimulatedRunsForTotals(urn, [.. outcomes.Select(o => o.TaskAnswers)], CollapseSummaryBuilder.PredictionSeed(spec, featured.Model, featured.Setting));
        }

        return new CollapseReportData(featured.Model, spec.Tasks, initial, featured.Turns, outcomes, trajectories, betaRuns, featured.BetaUrn?.Beta, featured.PolyaAlpha);
    }
}
