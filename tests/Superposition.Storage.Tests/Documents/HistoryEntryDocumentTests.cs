using Superposition.Nightly;
using Superposition.Storage.Documents;
using Superposition.Summaries;

namespace Superposition.Storage.Tests.Documents;

public sealed class HistoryEntryDocumentTests
{
    [Fact]
    public void A_version_1_history_entry_written_before_drift_and_budget_still_reads_with_neither()
    {
        const string stored = """
            {"date":"2025-06-02T02:00:00+00:00","runId":"small-20250602-nightly-1a2b3c","experiment":"small",
             "headlines":[{"model":"reference-leaky","distribution":"D1","klRaw":{"mean":0.69,"low":0.6,"high":0.8}}],
             "results":6,"expected":6,"complete":true,"version":1}
            """;

        var entry = StorageJson.FromData<HistoryEntry>(BinaryData.FromString(stored), "history.json");

        Assert.Equal(1, entry.Version);
        Assert.Null(entry.Drift);
        Assert.Null(entry.Budget);
        Assert.False(entry.Skipped);
        Assert.Equal(0.69, entry.Headlines.Single().KlRaw!.Mean);
    }

    [Fact]
    public void A_history_entry_with_drift_flags_and_a_budget_decision_round_trips()
    {
        var flag = new DriftComparison("m", "D1", "klRaw", DriftBaseline.First, "small-1", true, 20, 20, 1, 0.2, 0.1, 0.3, 0.995, true);
        var budget = new NightlyBudgetDecision(NightlyBudgetDecision.CurrentVersion, "run", "small-1", NightlyBudgetDecision.OverBudget, DateTimeOffset.UnixEpoch, 500, 0, ["m"], 100, null, 100, null);
        var entry = new HistoryEntry(DateTimeOffset.UnixEpoch, "run", "small", [], Complete: false, Drift: new HistoryDrift(0.01, 6, [flag]), Budget: budget);

        var read = StorageJson.FromData<HistoryEntry>(StorageJson.ToData(entry), "history.json");

        Assert.Equal(HistoryEntry.CurrentVersion, read.Version);
        Assert.Equal(flag, Assert.Single(read.Drift!.Flags));
        Assert.Equal(budget with { UnpricedModels = read.Budget!.UnpricedModels }, read.Budget);
        Assert.Equal(["m"], read.Budget.UnpricedModels);
        Assert.True(read.Skipped);
    }
}
