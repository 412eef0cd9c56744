using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Superposition.Training;

namespace Superposition.Cli.Training;

/// <summary>How one trainer process ended: its exit code, its last event of each kind, its stderr.</summary>
internal sealed record TrainerOutcome(int ExitCode, TrainerEvent? Done, TrainerEvent? Interrupted, string Error);

/// <summary>How a <c>--measure</c> run ended: its exit code, its <c>measured</c> event, its stderr.</summary>
internal sealed record TrainerMeasurement(int ExitCode, TrainerEvent? Measured, string Error);

/// <summary>
/// Runs training/train_gpt.py for one model size: streams the config and the sequences to its stdin, hands each
/// stdout event to the caller as it comes, and turns a cancellation (Ctrl+C) into one SIGINT, so that the script
/// finishes its step, checkpoints and exits 130.
/// </summary>
internal static class TrainerRun
{
    /// <summary>Runs <c>--check</c>: null when PyTorch is usable, else the script's one line (naming the install command).</summary>
    public static async Task<string?> CheckAsync(TrainerLocator trainer, CancellationToken cancellationToken)
    {
        using var process = Start(trainer, ["--check"]);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var ready = (await output).Split('\n').Select(TrainerEvent.Parse).Any(e => e?.Event == "ready");
        if (process.ExitCode == 0 && ready)
        {
            return null;
        }

        var line = (await error).Trim();
        return process.ExitCode == TrainerExitCodes.NoTorch || line.Length == 0
            ? $"{(line.Length > 0 ? line : $"{trainer.Python} {trainer.Script} --check exited {process.ExitCode}")} (Python {trainer.Python}; install PyTorch with: {TrainerLocator.InstallCommand})"
            : $"{trainer.Python} {trainer.Script} --check failed (exit {process.ExitCode}): {line}";
    }

    /// <summary>Trains one size: the spec's steps, or <paramref name="plan"/>'s for a time budget.</summary>
    public static async Task<TrainerOutcome> RunAsync(TrainerLocator trainer, TrainingSpec spec, ModelSize size, TrainingPlan? plan, string outFolder, bool resume, Action<TrainerEvent> onEvent, CancellationToken cancellationToken)
    {
        using var process = Start(trainer, ["--out", outFolder, .. resume ? new[] { "--resume" } : []]);
        using var forward = ForwardCancellation(process, cancellationToken);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var writing = WriteInputAsync(process, w => TrainerInput.WriteAsync(w, spec, size, plan, cancellationToken));
        TrainerEvent? done = null, stopped = null;
        while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
        {
            if (TrainerEvent.Parse(line) is not { } e)
            {
                continue;
            }

            done = e.Event == "done" ? e : done;
            stopped = e.Event == "interrupted" ? e : stopped;
            onEvent(e);
        }

        await process.WaitForExitAsync(CancellationToken.None);
        await writing;
        return new TrainerOutcome(process.ExitCode, done, stopped, (await error).Trim());
    }

    /// <summary>
    /// Runs <c>--measure</c> on the size's config and the first training sequences: the trainer times steps for at
    /// least <paramref name="seconds"/> and prints one <c>measured</c> event; it writes nothing to disk.
    /// </summary>
    public static async Task<TrainerMeasurement> MeasureAsync(TrainerLocator trainer, TrainingSpec spec, ModelSize size, double seconds, CancellationToken cancellationToken)
    {
        using var process = Start(trainer, ["--measure", "--measure-seconds", seconds.ToString("R", CultureInfo.InvariantCulture)]);
        using var forward = ForwardCancellation(process, cancellationToken);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var writing = WriteInputAsync(process, w => TrainerInput.WriteMeasureAsync(w, spec, size, cancellationToken));
        TrainerEvent? measured = null;
        while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
        {
            measured = TrainerEvent.Parse(line) is { Event: "measured" } e ? e : measured;
        }

        await process.WaitForExitAsync(CancellationToken.None);
        await writing;
        return new TrainerMeasurement(process.ExitCode, measured, (await error).Trim());
    }

    // A cancellation (Ctrl+C) becomes one SIGINT, so that the script stops as it documents, never a kill.
    private static CancellationTokenRegistration ForwardCancellation(Process process, CancellationToken cancellationToken)
    {
        var interrupted = 0;
        return cancellationToken.Register(() =>
        {
            if (Interlocked.Exchange(ref interrupted, 1) == 0)
            {
                PosixSignals.Interrupt(process.Id);
            }
        });
    }

    private static async Task WriteInputAsync(Process process, Func<TextWriter, Task> write)
    {
        try
        {
            await write(process.StandardInput);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The script stopped reading (it rejected the input, or Ctrl+C): its exit code and stderr say why.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The pipe is already broken: nothing more to close.
            }
        }
    }

    private static Process Start(TrainerLocator trainer, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(trainer.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(trainer.Script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(info) ?? throw new TrainerUnavailableException($"{trainer.Python} could not be started; install Python 3 with PyTorch: {TrainerLocator.InstallCommand}");
        }
        catch (Win32Exception e)
        {
            throw new TrainerUnavailableException($"{trainer.Python} could not be started ({e.Message}); install Python 3 with PyTorch: {TrainerLocator.InstallCommand}");
        }
    }
}
