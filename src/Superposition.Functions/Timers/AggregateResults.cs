using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Aggregation;
using Superposition.Functions.Hosting;

namespace Superposition.Functions.Timers;

/// <summary>On the AggregateSchedule (sample: every 10 minutes): summarises every experiment with new results.</summary>
public sealed class AggregateResults(ExperimentAggregator aggregator)
{
    [Function(nameof(AggregateResults))]
    public Task RunAsync([TimerTrigger($"%{Settings.AggregateSchedule}%")] TimerInfo timer, CancellationToken cancellationToken) =>
        aggregator.AggregateChangedAsync(cancellationToken);
}
