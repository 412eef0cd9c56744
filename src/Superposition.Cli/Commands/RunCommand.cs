using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Superposition.Engine.Planning;
using Superposition.Engine.Running;
using Superposition.Scoring.Models;
using Superposition.Storage.Experiments;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition run &lt;spec-file&gt; [--model m]... [--out dir | --storage [setting]] [--parallel n]</c>: runs an
/// experiment in-process with the Functions app's engine, into a folder (default out/) or Blob storage, resuming what
/// an earlier run of the same spec finished. Models and the storage connection come from the CLI's configuration
/// (<see cref="Configuration.CliConfiguration"/>); <c>--storage</c> takes the NAME of the setting that holds the
/// connection, never the connection string, which would stay in shell history and the process list.
/// </summary>
internal static class RunCommand
{
    /// <summary>The setting <c>--storage</c> reads when given no name: the Functions app's storage connection.</summary>
    public const string DefaultStorageSetting = "SuperpositionStorage";

    public static Command Create(CliConsole console, Func<IConfiguration> configuration)
    {
        var specFile = new Argument<string>("spec-file") { Description = "Experiment spec (JSON), e.g. experiments/fig6-numbers.json." };
        var models = new Option<string[]>("--model", "-m") { Description = "A model to score with; repeat for several. Replaces the spec's models." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the documents, in the blob layout (default out)." };
        var storage = new Option<string?>("--storage")
        {
            Description = $"Write to Blob storage instead of a folder, through the storage connection named by this setting (default {DefaultStorageSetting}): a connection string, or identity-based {DefaultStorageSetting}__blobServiceUri. Never the connection string itself.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var container = new Option<string>("--container") { Description = "Blob container with --storage (default superposition).", DefaultValueFactory = _ => "superposition" };
        var parallel = new Option<int?>("--parallel", "-p") { Description = "Work items in flight at once (default: the smallest MaxConcurrency of the models, at most 8)." };
        var command = new Command("run", "Run an experiment in-process: score every prompt with every model, write results and the summary.")
        {
            specFile, models, output, storage, container, parallel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            configuration,
            parse.GetValue(specFile)!,
            parse.GetValue(models) ?? [],
            parse.GetValue(output),
            parse.GetResult(storage) is null ? null : parse.GetValue(storage) ?? DefaultStorageSetting,
            parse.GetValue(container)!,
            parse.GetValue(parallel),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, Func<IConfiguration> configuration, string specFile, string[] models, string? output, string? storage, string container, int? parallel, CancellationToken cancellationToken)
    {
        var spec = SpecFiles.Load(specFile);
        if (models.Length > 0)
        {
            spec = spec with { Models = [.. models.Distinct(StringComparer.Ordinal)] };
        }

        if (output is not null && storage is not null)
        {
            throw new CliInputException("--out and --storage are alternatives: give one of them");
        }

        if (storage is not null && (storage.Contains('=', StringComparison.Ordinal) || storage.Contains(';', StringComparison.Ordinal)))
        {
            // Never echo it: it is likely a connection string with an account key.
            throw new CliInputException($"--storage takes the name of the setting that holds the connection string (e.g. {DefaultStorageSetting}), not the connection string itself, which would stay in shell history and the process list");
        }

        if (parallel is < 1)
        {
            throw new CliInputException($"--parallel must be at least 1 (got {parallel})");
        }

        await using var provider = storage is null
            ? EngineServices.ToFolder(configuration(), output ?? "out")
            : EngineServices.ToBlobStorage(configuration(), storage, container);

        var catalog = provider.GetRequiredService<ModelCatalog>();
        var concurrency = spec.Models.Select(m =>
        {
            try
            {
                return catalog.Resolve(m).MaxConcurrency;
            }
            catch (ModelConfigurationException e)
            {
                throw new CliInputException(models.Length > 0 ? $"--model: {e.Message}" : $"{specFile}: {e.Message}");
            }
        }).Min();
        EngineServices.CheckExperiment(provider, spec, models.Length > 0 ? "--model" : specFile);
        if (EngineServices.LoadProblem(catalog, spec.Models) is { } problem)
        {
            return console.Failed(problem);
        }

        var parallelism = parallel ?? Math.Min(8, concurrency);
        var store = provider.GetRequiredService<ExperimentStore>();

        RunReport report;
        try
        {
            report = await ExperimentProgress.RunAsync(console, provider.GetRequiredService<ExperimentRunner>(), spec, parallelism, $"{spec.Name}: {WorkPlan.Count(spec)} items, {parallelism} at a time", cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Out.WriteLineAsync($"Stopped. Finished results are kept in {store.Store.Location}; run the same command again to resume.");
            return CliApp.Failure;
        }
        catch (InvalidOperationException e)
        {
            throw new CliInputException(e.Message);
        }

        await console.Out.WriteLineAsync(
            $"{report.Id}: {report.Total} work items: {report.Resumed} already done, {report.Scored} scored now, {report.Failed} failed. Documents in {Path.Combine(store.Store.Location, "experiments", report.Id)}");
        SummaryTables.Write(console, report.Summary);
        return report.Failed > 0 ? CliApp.Failure : CliApp.Success;
    }

    /// <summary>Moves the progress bar as items finish (reported from many threads).</summary>
    internal sealed class TaskProgress(ProgressTask task) : IProgress<RunProgress>
    {
        private readonly Lock _lock = new();

        public void Report(RunProgress value)
        {
            lock (_lock)
            {
                task.MaxValue = Math.Max(1, value.ToDo);
                task.Value = Math.Max(task.Value, value.Finished);
                if (value.Finished == value.ToDo)
                {
                    task.Value = task.MaxValue;
                }
            }
        }
    }
}
