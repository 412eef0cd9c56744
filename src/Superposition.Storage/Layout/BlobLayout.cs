using System.Globalization;

namespace Superposition.Storage.Layout;

/// <summary>
/// Every path the suite stores, in one place (docs/functions.md, "Blob layout"). The same paths are blob names in the Azure
/// container and relative file paths under the CLI's output folder:
/// <code>
/// experiments/{id}/experiment.json                    the record: name, created, nightly, parent run
/// experiments/{id}/spec.json                          the spec, as validated
/// experiments/{id}/plan/{batch:D5}.json               planner checkpoints (a batch of work items was enqueued)
/// experiments/{id}/results/{model}/{distribution}/{prompt:D5}.json   one result document, written once
/// experiments/{id}/attempts/{model}/{distribution}/{prompt:D5}.json  the last failed attempt of an item
/// experiments/{id}/attempts/plan.json                 the last failed attempt to plan
/// experiments/{id}/failures/{model}/{distribution}/{prompt:D5}.json  an item given up after its last attempt
/// experiments/{id}/failures/plan.json                 a plan message given up
/// experiments/{id}/changed.json                       touched after each result: aggregation is due
/// experiments/{id}/aggregated.json                    what the last aggregation saw
/// experiments/{id}/summary.json                       the summary document
/// experiments/{id}/report.html                        the report (issue 7)
/// experiments/{id}/measures.json                      per-prompt headline measures of a nightly experiment's run
/// experiments/{id}/drift.json                         a nightly re-run's drift test, written once
/// experiments/{id}/budget.json                        the nightly budget's decision about a re-run
/// experiments/{id}/history/{date}.{run}.json          one nightly re-run's headline numbers
/// unreadable/{message-id}.json                        a poison message that names no experiment
/// </code>
/// Model and distribution names are encoded by <see cref="PathSegment"/>; prompt indexes are zero-padded so that
/// lexicographic order (the order blob listings return) is prompt order.
/// </summary>
public static class BlobLayout
{
    public const string ExperimentsPrefix = "experiments/";

    public static string Experiment(string id) => ExperimentsPrefix + id + "/";

    public static string Record(string id) => Experiment(id) + "experiment.json";

    public static string Spec(string id) => Experiment(id) + "spec.json";

    public static string PlanBatch(string id, int batch) => Experiment(id) + "plan/" + batch.ToString("D5", CultureInfo.InvariantCulture) + ".json";

    public static string Results(string id) => Experiment(id) + "results/";

    public static string Result(WorkItem item) => Item(item, "results/");

    public static string Attempts(string id) => Experiment(id) + "attempts/";

    public static string Attempt(WorkItem item) => Item(item, "attempts/");

    public static string PlanAttempt(string id) => Attempts(id) + "plan.json";

    public static string Failures(string id) => Experiment(id) + "failures/";

    public static string Failure(WorkItem item) => Item(item, "failures/");

    public static string PlanFailure(string id) => Failures(id) + "plan.json";

    public static string Changed(string id) => Experiment(id) + "changed.json";

    public static string Aggregated(string id) => Experiment(id) + "aggregated.json";

    public static string Summary(string id) => Experiment(id) + "summary.json";

    public static string Report(string id) => Experiment(id) + "report.html";

    public static string Measures(string id) => Experiment(id) + "measures.json";

    public static string Drift(string id) => Experiment(id) + "drift.json";

    public static string Budget(string id) => Experiment(id) + "budget.json";

    public static string History(string id) => Experiment(id) + "history/";

    public static string HistoryEntry(string id, DateOnly date, string run) =>
        History(id) + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "." + run + ".json";

    public static string Unreadable(string messageId) => "unreadable/" + PathSegment.Encode(messageId) + ".json";

    /// <summary>The work item of a path made by <see cref="Result"/>, <see cref="Attempt"/> or <see cref="Failure"/>; null for any other path.</summary>
    public static WorkItem? ParseItem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/');
        if (parts.Length != 6 || parts[0] + "/" != ExperimentsPrefix || parts[2] is not ("results" or "attempts" or "failures")
            || !parts[5].EndsWith(".json", StringComparison.Ordinal)
            || !int.TryParse(parts[5].AsSpan(0, parts[5].Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var prompt))
        {
            return null;
        }

        return new WorkItem(parts[1], PathSegment.Decode(parts[3]), PathSegment.Decode(parts[4]), prompt);
    }

    private static string Item(WorkItem item, string folder)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Experiment(item.Experiment) + folder + PathSegment.Encode(item.Model) + "/" + PathSegment.Encode(item.Distribution) + "/"
            + item.Prompt.ToString("D5", CultureInfo.InvariantCulture) + ".json";
    }
}
