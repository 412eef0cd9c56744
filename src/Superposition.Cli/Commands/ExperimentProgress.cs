using Spectre.Console;
using Superposition.Engine.Running;
using Superposition.Specs;

namespace Superposition.Cli.Commands;

/// <summary>Runs one experiment with the engine behind a progress bar that stays on screen (<c>run</c>, <c>demo</c>, <c>findings</c>).</summary>
internal static class ExperimentProgress
{
    /// <summary>Runs <paramref name="spec"/> as the experiment of its name, <paramref name="parallel"/> items at a time, the bar labelled <paramref name="label"/>.</summary>
    public static Task<RunReport> RunAsync(CliConsole console, ExperimentRunner runner, ExperimentSpec spec, int parallel, string label, CancellationToken cancellationToken) =>
        console.Ansi.Progress().AutoClear(false).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(label), maxValue: 1);
            return await runner.RunAsync(spec.Name, spec, parallel, new RunCommand.TaskProgress(task), cancellationToken);
        });
}
