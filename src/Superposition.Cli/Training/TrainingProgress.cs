using System.Globalization;
using Spectre.Console;

namespace Superposition.Cli.Training;

/// <summary>
/// Shows a trainer's events: a live Spectre progress bar on a terminal, plain lines when the output is a file or a
/// pipe (or a test's writer), so that logs stay readable.
/// </summary>
internal static class TrainingProgress
{
    /// <summary>Runs <paramref name="run"/>, giving it the handler that shows each event.</summary>
    public static async Task<T> ShowAsync<T>(CliConsole console, string title, Func<Action<TrainerEvent>, Task<T>> run)
    {
        var terminal = ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
        if (!terminal)
        {
            return await run(e =>
            {
                if (Describe(e) is { } line)
                {
                    console.Out.WriteLine($"{title}: {line}");
                    console.Out.Flush();
                }
            });
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                result = await run(e =>
                {
                    if (e is { Event: "step", Step: { } step, Steps: { } steps })
                    {
                        task.MaxValue = steps;
                        task.Value = step;
                        task.Description = Markup.Escape($"{title}  {Describe(e)}");
                    }
                    else if (e is { Event: "start", Steps: { } total })
                    {
                        task.MaxValue = total;
                        task.Value = e.ResumedFrom ?? 0;
                        AnsiConsole.WriteLine($"{title}: {Describe(e)}");
                    }
                    else if (Describe(e) is { } line)
                    {
                        AnsiConsole.WriteLine($"{title}: {line}");
                    }
                });
                task.StopTask();
            });
        return result;
    }

    /// <summary>One line for an event; null for events not worth a line.</summary>
    public static string? Describe(TrainerEvent e) => e.Event switch
    {
        "start" => string.Create(CultureInfo.InvariantCulture, $"{(e.ResumedFrom is { } from ? $"resuming from the checkpoint at step {from}" : "starting")}: {e.Steps} steps, {e.Parameters:N0} parameters ({e.NonEmbeddingParameters:N0} non-embedding), {e.Sequences:N0} sequences, {e.HeldoutSequences:N0} held out, torch {e.Torch}{(e.Device is { } device ? $", {device}" : "")}{(e.Precision is { } precision ? $", {precision}" : "")}"),
        "step" => string.Create(CultureInfo.InvariantCulture, $"step {e.Step}/{e.Steps}  loss {e.Loss:0.0000}  lr {e.Lr:0.###e+0}  {e.TokensPerS:N0} tokens/s  ETA {Duration(e.EtaS)}"),
        "eval" => string.Create(CultureInfo.InvariantCulture, $"step {e.Step}  held-out loss {e.HeldoutLoss:0.0000}"),
        "checkpoint" => string.Create(CultureInfo.InvariantCulture, $"checkpoint at step {e.Step}"),
        "interrupted" => string.Create(CultureInfo.InvariantCulture, $"interrupted at step {e.Step}; the checkpoint {e.Checkpoint} holds it"),
        "done" => string.Create(CultureInfo.InvariantCulture, $"done: {e.Step} steps, final loss {e.FinalTrainLoss:0.0000}{(e.HeldoutLoss is { } h ? string.Create(CultureInfo.InvariantCulture, $", held-out loss {h:0.0000}") : "")}, {e.TokensSeen:N0} tokens in {Duration(e.TrainingWallS)}"),
        _ => null,
    };

    private static string Duration(double? seconds) =>
        seconds is { } s && double.IsFinite(s) ? TimeSpan.FromSeconds(Math.Round(s)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "?";
}
