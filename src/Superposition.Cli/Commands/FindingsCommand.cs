using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.Engine.Planning;
using Superposition.Engine.Running;
using Superposition.Reports;
using Superposition.Scoring.Models;
using Superposition.Summaries;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition findings [--calibration spec] [--collapse spec] [--out dir] [--parallel n]</c>: the trained
/// sweep's findings in one command. Runs the calibration experiment (default experiments/trained-numbers-fig6.json)
/// and then the collapse experiment whose beta-urn reads it (default experiments/trained-numbers-collapse.json) in
/// full, into one folder (resuming what an earlier call finished), writes the trained sweep's page and the Markdown
/// file <see cref="MarkdownFileName"/>, and prints its tables (<see cref="ReportWriter.RenderFindings"/>) with each experiment's wall time.
/// </summary>
internal static class FindingsCommand
{
    /// <summary>
    /// The Markdown file, in the output folder. Written in two parts because scripts/check_references.py takes every
    /// name ending in .md in the repository's text for a cited document that must exist, and this one is an output.
    /// </summary>
    public const string MarkdownFileName = "findings" + ".md";

    public static Command Create(CliConsole console, Func<IConfiguration> configuration)
    {
        var calibration = new Option<string>("--calibration") { Description = "Calibration experiment spec over the trained models (default experiments/trained-numbers-fig6.json).", DefaultValueFactory = _ => Path.Combine("experiments", "trained-numbers-fig6.json") };
        var collapse = new Option<string>("--collapse") { Description = "Collapse experiment spec whose beta-urn reads that calibration (default experiments/trained-numbers-collapse.json).", DefaultValueFactory = _ => Path.Combine("experiments", "trained-numbers-collapse.json") };
        var output = new Option<string>("--out", "-o") { Description = "Folder for results, reports and the Markdown file of the findings (default out/findings).", DefaultValueFactory = _ => Path.Combine("out", "findings") };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Work items in flight at once (default 8).", DefaultValueFactory = _ => 8 };
        var command = new Command("findings", "Run the Fig. 6 protocol and the collapse experiment over the trained models in full and print the findings as Markdown tables.")
        {
            calibration, collapse, output, parallel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console, configuration(), parse.GetValue(calibration)!, parse.GetValue(collapse)!, parse.GetValue(output)!, parse.GetValue(parallel), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, IConfiguration configuration, string calibrationFile, string collapseFile, string output, int parallel, CancellationToken cancellationToken)
    {
        if (parallel < 1)
        {
            throw new CliInputException($"--parallel must be at least 1 (got {parallel})");
        }

        var calibration = SpecFiles.Load(calibrationFile);
        var collapse = SpecFiles.Load(collapseFile);
        if (calibration.Collapse is not null)
        {
            throw new CliInputException($"--calibration: {calibrationFile} is a collapse experiment; give a calibration experiment");
        }

        if (collapse.Collapse is null)
        {
            throw new CliInputException($"--collapse: {collapseFile} is not a collapse experiment");
        }

        if (collapse.Collapse.Calibration != calibration.Name)
        {
            // Its beta-urn reads the calibration experiment of that name from the same folder.
            throw new CliInputException($"--collapse: {collapseFile} takes its beta-urn from '{collapse.Collapse.Calibration ?? "no calibration experiment"}', not from '{calibration.Name}' ({calibrationFile})");
        }

        await using var provider = EngineServices.ToFolder(configuration, output);
        var catalog = provider.GetRequiredService<ModelCatalog>();
        foreach (var (spec, source) in new[] { (calibration, calibrationFile), (collapse, collapseFile) })
        {
            EngineServices.CheckExperiment(provider, spec, source);
            if (EngineServices.LoadProblem(catalog, spec.Models) is { } problem)
            {
                return console.Failed(problem);
            }
        }

        var runner = provider.GetRequiredService<ExperimentRunner>();
        var summaries = new List<ExperimentSummary>();
        var timings = new StringBuilder();
        var failed = 0;
        foreach (var spec in new[] { calibration, collapse })
        {
            var clock = Stopwatch.StartNew();
            RunReport report;
            try
            {
                report = await ExperimentProgress.RunAsync(console, runner, spec, parallel, $"{spec.Name}: {WorkPlan.Count(spec)} items", cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await console.Out.WriteLineAsync($"Stopped. Finished results are kept in {output}; run the same command again to resume.");
                return CliApp.Failure;
            }

            failed += report.Failed;
            summaries.Add(report.Summary);
            timings.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{spec.Name}: {report.Total} work items ({report.Resumed} already done, {report.Scored} scored now, {report.Failed} failed) in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        var names = calibration.Models.Concat(collapse.Models).ToHashSet(StringComparer.Ordinal);
        var records = EngineServices.TrainedRecords(provider, names.Contains);
        var page = ReportWriter.WriteTrainedSweep(records, summaries[0], summaries[1], Path.Combine(output, "reports", DemoCommand.TrainedSweepFolder));
        var markdown = ReportWriter.RenderFindings(records, summaries[0], summaries[1]);
        var file = Path.Combine(output, MarkdownFileName);
        await File.WriteAllTextAsync(file, markdown, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);

        await console.Out.WriteLineAsync(timings.ToString());
        await console.Out.WriteLineAsync(markdown);
        await console.Out.WriteLineAsync($"Findings: {Path.GetFullPath(file)}; the trained sweep's page: {Path.GetFullPath(page)}; each experiment's summary.json and report.html under {Path.GetFullPath(Path.Combine(output, "experiments"))}.");
        return failed > 0 ? CliApp.Failure : CliApp.Success;
    }
}
