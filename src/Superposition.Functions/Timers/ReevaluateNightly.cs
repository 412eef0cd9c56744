using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Planning;
using Superposition.Functions.Hosting;

namespace Superposition.Functions.Timers;

/// <summary>
/// On the NightlySchedule (sample: 02:00 UTC): re-runs every experiment posted with <c>?nightly=true</c> as a new
/// experiment linked to it; aggregation appends each run's headline numbers to the original's history.
/// </summary>
public sealed class ReevaluateNightly(ExperimentLauncher launcher)
{
    [Function(nameof(ReevaluateNightly))]
    public Task RunAsync([TimerTrigger($"%{Settings.NightlySchedule}%")] TimerInfo timer, CancellationToken cancellationToken) =>
        launcher.StartNightlyAsync(cancellationToken);
}
