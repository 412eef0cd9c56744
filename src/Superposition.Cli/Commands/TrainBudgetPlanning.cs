using System.Globalization;
using Superposition.Cli.Training;
using Superposition.Training;

namespace Superposition.Cli.Commands;

/// <summary>
/// The steps of a size trained for a time budget: the plan.json of a resumed run, else a new plan from the trainer's
/// measured rate (<see cref="TrainingPlan.StepsFor"/>), written before training starts so that a rerun resumes the
/// same steps instead of measuring again.
/// </summary>
internal static class TrainBudgetPlanning
{
    /// <summary>The plan, or null and the exit code when there is none to train with.</summary>
    public static async Task<(TrainingPlan? Plan, int Code)> PlanAsync(CliConsole console, TrainerLocator trainer, TrainingSpec spec, ModelSize size, string folder, double measureSeconds, CancellationToken cancellationToken)
    {
        var title = size.Name!;
        var budget = spec.Training.BudgetMinutes!.Value;
        var file = Path.Combine(folder, TrainingPlan.FileName);
        TrainingPlan? existing;
        try
        {
            existing = TrainingPlan.Read(folder);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return (null, console.Failed($"{title}: {e.Message}; restore it, or delete it to measure and plan again"));
        }

        if (existing is not null)
        {
            if (existing.BudgetMinutes != budget)
            {
                return (null, console.BadInput(string.Create(CultureInfo.InvariantCulture,
                    $"{title}: {file} planned {existing.Steps} steps for a budget of {existing.BudgetMinutes:0.##########} minutes, but $.training.budgetMinutes is {budget:0.##########}; use another --out, or delete the plan and the checkpoint to train again")));
            }

            await console.Out.WriteLineAsync($"{title}: {Describe(existing)}, from {file} (resumed: not measured again)");
            return (existing, CliApp.Success);
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{title}: measuring steps per second for the {budget:0.##########}-minute budget (at least {measureSeconds:G6} s)"));
        var measurement = await TrainerRun.MeasureAsync(trainer, spec, size, measureSeconds, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            await console.Out.WriteLineAsync($"{title}: interrupted while measuring; nothing was planned: run the same command again");
            return (null, TrainCommand.Interrupted);
        }

        switch (measurement)
        {
            case { ExitCode: TrainerExitCodes.Done, Measured: { StepsPerS: { } rate, TokensPerS: { } tokens, TimedSteps: { } timed, Device: { } device, Precision: { } precision, Torch: { } torch } }:
                int steps;
                try
                {
                    steps = TrainingPlan.StepsFor(spec, rate);
                }
                catch (TrainingBudgetException e)
                {
                    return (null, console.BadInput($"{title}: {e.Message}"));
                }

                var plan = new TrainingPlan(budget, rate, tokens, timed, steps, device, precision, torch);
                plan.Write(folder);
                await console.Out.WriteLineAsync($"{title}: {Describe(plan)}; wrote {file}");
                return (plan, CliApp.Success);
            case { ExitCode: TrainerExitCodes.Done }:
                return (null, console.Failed($"{title}: the trainer's measurement printed no complete measured event: {TrainCommand.Line(measurement.Error)}"));
            case { ExitCode: TrainerExitCodes.BadInput }:
                return (null, console.BadInput($"{title}: the trainer rejected its input: {TrainCommand.Line(measurement.Error)}"));
            default:
                return (null, console.Failed($"{title}: the trainer's measurement failed (exit {measurement.ExitCode.ToString(CultureInfo.InvariantCulture)}): {TrainCommand.Line(measurement.Error)}"));
        }
    }

    private static string Describe(TrainingPlan plan) => string.Create(CultureInfo.InvariantCulture,
        $"plan: {plan.Steps:N0} steps for {plan.BudgetMinutes:0.##########} minutes at {plan.MeasuredStepsPerSecond:0.###} steps/s (measured over {plan.TimedSteps} steps: {plan.MeasuredTokensPerSecond:N0} tokens/s, {plan.Device}, {plan.Precision}, torch {plan.Torch})");
}
