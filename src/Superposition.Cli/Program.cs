using System.Runtime.InteropServices;
using Superposition.Cli;

// Ctrl+C and SIGTERM cancel the running command (a server stops, a run keeps what it finished) instead of killing it.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
