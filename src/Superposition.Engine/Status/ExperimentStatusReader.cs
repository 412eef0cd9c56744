using Superposition.Engine.Planning;
using Superposition.Nightly;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;
using Superposition.Summaries;

namespace Superposition.Engine.Status;

/// <summary>Builds <see cref="ExperimentStatus"/> from the listing of results and failures.</summary>
public static class ExperimentStatusReader
{
    /// <summary>Failures listed in a status (all are counted).</summary>
    public const int FailuresShown = 50;

    /// <summary>The status of experiment <paramref name="id"/>, or null when there is no such experiment.</summary>
    public static async Task<ExperimentStatus?> ReadAsync(ExperimentStore store, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var record = await store.GetRecordAsync(id, cancellationToken);
        var spec = record is null ? null : await store.GetSpecAsync(id, cancellationToken);
        if (record is null || spec is null)
        {
            return null;
        }

        var done = new Dictionary<(string, string), int>();
        await foreach (var item in store.ListResultItemsAsync(id, cancellationToken))
        {
            done[(item.Model, item.Distribution)] = done.GetValueOrDefault((item.Model, item.Distribution)) + 1;
        }

        var failed = new Dictionary<(string, string), int>();
        var failures = new List<FailureRecord>();
        FailureRecord? planFailure = null;
        await foreach (var failure in store.ReadFailuresAsync(id, cancellationToken))
        {
            if (failure.Item is not { } item)
            {
                planFailure = failure;
                continue;
            }

            failed[(item.Model, item.Distribution)] = failed.GetValueOrDefault((item.Model, item.Distribution)) + 1;
            if (failures.Count < FailuresShown)
            {
                failures.Add(failure);
            }
        }

        var groups = WorkPlan.Groups(spec)
            .Select(g => new GroupStatus(g.Model, g.Distribution, g.Items, done.GetValueOrDefault((g.Model, g.Distribution)), failed.GetValueOrDefault((g.Model, g.Distribution))))
            .ToList();
        var total = WorkPlan.Count(spec);
        var doneCount = groups.Sum(g => g.Done);
        var failedCount = groups.Sum(g => g.Failed);
        var pending = Math.Max(0, total - doneCount - failedCount);
        var budget = record.Parent is null ? null : await store.GetBudgetAsync(id, cancellationToken);
        var state = planFailure is not null ? "failed"
            : budget is { Outcome: NightlyBudgetDecision.OverBudget } ? NightlyBudgetDecision.OverBudget
            : pending == 0 ? "complete" : doneCount + failedCount > 0 ? "running" : "queued";
        var drift = record.Parent is null ? null : await store.GetDriftAsync(id, cancellationToken);
        var latest = record.Nightly && record.Parent is null ? await LatestNightAsync(store, id, cancellationToken) : null;
        return new ExperimentStatus(record.Id, record.Name, record.CreatedAt, record.Nightly, record.Parent, state, total, doneCount, failedCount, pending, groups, failures, planFailure, budget, drift, latest);
    }

    private static async Task<NightStatus?> LatestNightAsync(ExperimentStore store, string id, CancellationToken cancellationToken)
    {
        HistoryEntry? latest = null;
        await foreach (var entry in store.ReadHistoryAsync(id, cancellationToken))
        {
            if (entry.RunId != id && (latest is null || entry.Date >= latest.Date))
            {
                latest = entry;
            }
        }

        return latest is null ? null : new NightStatus(latest.RunId, latest.Date, latest.Complete, latest.Drift, latest.Budget);
    }
}
