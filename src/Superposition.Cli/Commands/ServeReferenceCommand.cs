using System.CommandLine;
using Superposition.LocalModels.Reference;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition serve-reference [--urls http://127.0.0.1:8089] [fault options]</c>: serves the reference
/// models over the OpenAI/vLLM protocol until Ctrl+C (docs/reference-models.md).
/// </summary>
internal static class ServeReferenceCommand
{
    public static Command Create(CliConsole console)
    {
        var serving = new ServingOptions("http://127.0.0.1:8089");
        var command = new Command("serve-reference", "Serve the reference language models over the OpenAI/vLLM HTTP protocol until Ctrl+C.");
        serving.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = serving.Read(parse);
            await ServingOptions.ServeUntilCancelledAsync(console, () => ReferenceModels.StartServerAsync(options, cancellationToken), options.Urls, "Reference models", cancellationToken);
            return CliApp.Success;
        });
        return command;
    }
}
