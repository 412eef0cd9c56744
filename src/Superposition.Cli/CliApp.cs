using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Superposition.Cli.Commands;
using Superposition.Cli.Configuration;
using Superposition.Cli.Telemetry;

namespace Superposition.Cli;

/// <summary>
/// The <c>superposition</c> command line. Exit codes: 0 done, 1 failed while running, 2 bad input (one line on
/// standard error naming the problem), and for <c>train</c> 130 interrupted (run it again to resume).
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, stdout, stderr, Directory.GetCurrentDirectory(), cancellationToken);

    /// <summary>Runs a command reading <paramref name="workingDirectory"/>'s appsettings.json (<see cref="CliConfiguration"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string workingDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new CliConsole(stdout, stderr);
        // Built when a command first needs it, so that commands without settings never read (or trip over) them.
        IConfiguration Configuration() => CliConfiguration.Build(workingDirectory);
        var telemetry = CliTelemetry.CreateOption();
        var root = CreateRootCommand(console, Configuration, telemetry);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return console.BadInput(string.Join("; ", parse.Errors.Select(e => e.Message)));
        }

        try
        {
            // The SDK lives as long as the command: its end flushes what the command sent.
            using var providers = CliTelemetry.Start(parse.GetResult(telemetry) is null ? null : parse.GetValue(telemetry), stderr);
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliInputException e)
        {
            return console.BadInput(e.Message);
        }
    }

    /// <summary>
    /// The command tree: every command, its options and arguments (docs/cli.md documents each; a test walks this tree
    /// and fails when an option or command is missing there). <paramref name="telemetry"/> (a new one when null) is added
    /// to the commands that score (<see cref="CliTelemetry.Commands"/>), so that the caller can read its value.
    /// </summary>
    internal static RootCommand CreateRootCommand(CliConsole console, Func<IConfiguration> configuration, Option<string?>? telemetry = null)
    {
        var root = new RootCommand("Superposition: how language models spread their answers over tasks learned in context, and whether they are calibrated.")
        {
            PromptCommand.Create(console),
            KlCommand.Create(console),
            UrnCommand.Create(console),
            ServeReferenceCommand.Create(console),
            ServeModelCommand.Create(console),
            PlanCommand.Create(console, configuration),
            ScoreCommand.Create(console, configuration),
            RunCommand.Create(console, configuration),
            DemoCommand.Create(console, configuration),
            FindingsCommand.Create(console, configuration),
            TrainCommand.Create(console, configuration),
        };
        telemetry ??= CliTelemetry.CreateOption();
        foreach (var command in root.Subcommands.Where(c => CliTelemetry.Commands.Contains(c.Name)))
        {
            command.Options.Add(telemetry);
        }

        return root;
    }
}
