using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Superposition.Nightly;
using Superposition.Results;
using Superposition.Specs;
using Superposition.Storage.Documents;
using Superposition.Storage.Layout;
using Superposition.Storage.Stores;
using Superposition.Summaries;

namespace Superposition.Storage.Experiments;

/// <summary>
/// The experiment documents of one store, typed: every read and write of the engine goes through here, at the
/// paths of <see cref="BlobLayout"/>, in <see cref="StorageJson"/>.
/// </summary>
public sealed class ExperimentStore
{
    // Specs never change once stored, so workers keep them; the cap only bounds a long-lived worker's memory.
    private const int SpecCacheSize = 256;
    private readonly ConcurrentDictionary<string, ExperimentSpec> _specs = new(StringComparer.Ordinal);

    public ExperimentStore(IResultStore store)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
    }

    public IResultStore Store { get; }

    /// <summary>Stores a new experiment: its spec, then its record (whose existence makes the experiment). False when the id is taken.</summary>
    public async Task<bool> CreateAsync(ExperimentRecord record, ExperimentSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(spec);
        if (await Store.GetAsync(BlobLayout.Record(record.Id), cancellationToken) is not null)
        {
            return false;
        }

        await Store.WriteAsync(BlobLayout.Spec(record.Id), SpecData(spec), cancellationToken);
        return await Store.TryCreateAsync(BlobLayout.Record(record.Id), StorageJson.ToData(record), cancellationToken);
    }

    /// <summary>Writes the spec of an experiment run from the command line (which may replace its models on a resume).</summary>
    public Task WriteSpecAsync(string id, ExperimentSpec spec, CancellationToken cancellationToken)
    {
        _specs.TryRemove(id, out _);
        return Store.WriteAsync(BlobLayout.Spec(id), SpecData(spec), cancellationToken);
    }

    public Task<ExperimentRecord?> GetRecordAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync<ExperimentRecord>(BlobLayout.Record(id), cancellationToken);

    /// <summary>Writes a record, replacing any (the CLI's runs, which are resumed under the same id).</summary>
    public Task WriteRecordAsync(ExperimentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Store.WriteAsync(BlobLayout.Record(record.Id), StorageJson.ToData(record), cancellationToken);
    }

    public async Task<ExperimentSpec?> GetSpecAsync(string id, CancellationToken cancellationToken)
    {
        if (_specs.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var path = BlobLayout.Spec(id);
        var data = await Store.ReadAsync(path, cancellationToken);
        if (data is null)
        {
            return null;
        }

        ExperimentSpec spec;
        try
        {
            spec = JsonSerializer.Deserialize<ExperimentSpec>(data.ToMemory().Span, SpecLoader.JsonOptions)
                ?? throw new InvalidDataException($"{path} holds null, not a spec.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid spec: {e.Message}", e);
        }

        if (_specs.Count >= SpecCacheSize)
        {
            _specs.Clear();
        }

        _specs[id] = spec;
        return spec;
    }

    /// <summary>Ids of every stored experiment, in ordinal order.</summary>
    public IAsyncEnumerable<string> ListIdsAsync(CancellationToken cancellationToken) =>
        Store.ListFoldersAsync(BlobLayout.ExperimentsPrefix, cancellationToken);

    public async Task<bool> ResultExistsAsync(WorkItem item, CancellationToken cancellationToken) =>
        await Store.GetAsync(BlobLayout.Result(item), cancellationToken) is not null;

    /// <summary>Writes a result once; false when the item already had one (nothing is written).</summary>
    public Task<bool> TryCreateResultAsync(WorkItem item, PromptResult result, CancellationToken cancellationToken) =>
        Store.TryCreateAsync(BlobLayout.Result(item), StorageJson.ToData(result), cancellationToken);

    /// <summary>Writes a collapse run's document once; false when the item already had one.</summary>
    public Task<bool> TryCreateResultAsync(WorkItem item, CollapseRunResult result, CancellationToken cancellationToken) =>
        Store.TryCreateAsync(BlobLayout.Result(item), StorageJson.ToData(result), cancellationToken);

    public async Task<PromptResult?> GetResultAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var path = BlobLayout.Result(item);
        var data = await Store.ReadAsync(path, cancellationToken);
        return data is null ? null : PromptResultDocuments.FromData(data, path);
    }

    /// <summary>
    /// The result documents of an experiment in path order (model, distribution, prompt), downloading up to
    /// <paramref name="prefetch"/> ahead: memory holds that many documents, however many are stored.
    /// </summary>
    public IAsyncEnumerable<PromptResult> ReadResultsAsync(string id, int prefetch, CancellationToken cancellationToken) =>
        ReadDocumentsAsync(id, prefetch, PromptResultDocuments.FromData, cancellationToken);

    /// <summary>The run documents of a collapse experiment, streamed like <see cref="ReadResultsAsync"/>.</summary>
    public IAsyncEnumerable<CollapseRunResult> ReadRunResultsAsync(string id, int prefetch, CancellationToken cancellationToken) =>
        ReadDocumentsAsync(id, prefetch, StorageJson.FromData<CollapseRunResult>, cancellationToken);

    /// <summary>
    /// The newest summary of an experiment of that name (the CLI stores it under the name itself; the Functions app
    /// under name-suffixed ids), or null: collapse experiments read their calibration experiment's exponent from it.
    /// </summary>
    public async Task<ExperimentSummary?> FindLatestSummaryAsync(string name, CancellationToken cancellationToken)
    {
        ExperimentRecord? newest = null;
        ExperimentSummary? summary = null;
        await foreach (var id in ListIdsAsync(cancellationToken))
        {
            if (await GetRecordAsync(id, cancellationToken) is { } record && record.Name == name
                && (newest is null || record.CreatedAt > newest.CreatedAt)
                && await GetSummaryAsync(id, cancellationToken) is { } found)
            {
                (newest, summary) = (record, found);
            }
        }

        return summary;
    }

    private async IAsyncEnumerable<T> ReadDocumentsAsync<T>(string id, int prefetch, Func<BinaryData, string, T> parse, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(prefetch, 1);
        var window = new Queue<(string Path, Task<BinaryData?> Read)>();
        await foreach (var blob in Store.ListAsync(BlobLayout.Results(id), cancellationToken))
        {
            window.Enqueue((blob.Path, Store.ReadAsync(blob.Path, cancellationToken)));
            if (window.Count >= prefetch)
            {
                yield return await NextAsync(window, parse);
            }
        }

        while (window.Count > 0)
        {
            yield return await NextAsync(window, parse);
        }

        static async Task<T> NextAsync(Queue<(string Path, Task<BinaryData?> Read)> window, Func<BinaryData, string, T> parse)
        {
            var (path, read) = window.Dequeue();
            var data = await read ?? throw new InvalidDataException($"{path} was listed but could not be read.");
            return parse(data, path);
        }
    }

    /// <summary>The work items that have a result (from the listing alone, no document is read).</summary>
    public async IAsyncEnumerable<WorkItem> ListResultItemsAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in Store.ListAsync(BlobLayout.Results(id), cancellationToken))
        {
            if (BlobLayout.ParseItem(blob.Path) is { } item)
            {
                yield return item;
            }
        }
    }

    public Task WriteAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var path = attempt.Item is null ? BlobLayout.PlanAttempt(attempt.Experiment) : BlobLayout.Attempt(attempt.Item);
        return Store.WriteAsync(path, StorageJson.ToData(attempt), cancellationToken);
    }

    /// <summary>The last failed attempt at <paramref name="item"/>, or at planning <paramref name="id"/> when it is null.</summary>
    public Task<AttemptRecord?> GetAttemptAsync(string id, WorkItem? item, CancellationToken cancellationToken) =>
        ReadAsync<AttemptRecord>(item is null ? BlobLayout.PlanAttempt(id) : BlobLayout.Attempt(item), cancellationToken);

    /// <summary>Writes a document that names no experiment (an unreadable poison message).</summary>
    public Task WriteUnreadableAsync(string messageId, FailureRecord failure, CancellationToken cancellationToken) =>
        Store.WriteAsync(BlobLayout.Unreadable(messageId), StorageJson.ToData(failure), cancellationToken);

    /// <summary>Records a failure once (a re-delivered poison message records nothing new).</summary>
    public Task<bool> TryCreateFailureAsync(string id, FailureRecord failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var path = failure.Item is null ? BlobLayout.PlanFailure(id) : BlobLayout.Failure(failure.Item);
        return Store.TryCreateAsync(path, StorageJson.ToData(failure), cancellationToken);
    }

    /// <summary>Removes an item's failure document (the CLI retries failed items when a run is resumed).</summary>
    public Task DeleteFailureAsync(WorkItem item, CancellationToken cancellationToken) =>
        Store.DeleteAsync(BlobLayout.Failure(item), cancellationToken);

    /// <summary>Failure documents of an experiment, in path order.</summary>
    public async IAsyncEnumerable<FailureRecord> ReadFailuresAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in Store.ListAsync(BlobLayout.Failures(id), cancellationToken))
        {
            if (await ReadAsync<FailureRecord>(blob.Path, cancellationToken) is { } failure)
            {
                yield return failure;
            }
        }
    }

    public async Task<bool> PlanBatchDoneAsync(string id, int batch, CancellationToken cancellationToken) =>
        await Store.GetAsync(BlobLayout.PlanBatch(id, batch), cancellationToken) is not null;

    public Task MarkPlanBatchDoneAsync(string id, int batch, int items, CancellationToken cancellationToken) =>
        Store.TryCreateAsync(BlobLayout.PlanBatch(id, batch), StorageJson.ToData(new { batch, items }), cancellationToken);

    /// <summary>Touches the experiment's change marker: aggregation is due.</summary>
    public Task MarkChangedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        Store.WriteAsync(BlobLayout.Changed(id), StorageJson.ToData(new { at }), cancellationToken);

    public Task<StoredBlob?> GetChangedAsync(string id, CancellationToken cancellationToken) =>
        Store.GetAsync(BlobLayout.Changed(id), cancellationToken);

    public Task<AggregationMark?> GetAggregationMarkAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync<AggregationMark>(BlobLayout.Aggregated(id), cancellationToken);

    public Task WriteAggregationMarkAsync(string id, AggregationMark mark, CancellationToken cancellationToken) =>
        Store.WriteAsync(BlobLayout.Aggregated(id), StorageJson.ToData(mark), cancellationToken);

    public Task WriteSummaryAsync(string id, ExperimentSummary summary, CancellationToken cancellationToken) =>
        Store.WriteAsync(BlobLayout.Summary(id), StorageJson.ToData(summary), cancellationToken);

    public Task<ExperimentSummary?> GetSummaryAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync<ExperimentSummary>(BlobLayout.Summary(id), cancellationToken);

    /// <summary>The summary document as stored (served as it is).</summary>
    public Task<BinaryData?> GetSummaryDataAsync(string id, CancellationToken cancellationToken) =>
        Store.ReadAsync(BlobLayout.Summary(id), cancellationToken);

    public Task<BinaryData?> GetReportAsync(string id, CancellationToken cancellationToken) =>
        Store.ReadAsync(BlobLayout.Report(id), cancellationToken);

    /// <summary>Stores the experiment's HTML report (replaced at each aggregation).</summary>
    public Task WriteReportAsync(string id, string html, CancellationToken cancellationToken) =>
        Store.WriteAsync(BlobLayout.Report(id), BinaryData.FromString(html), cancellationToken);

    public Task WriteHistoryAsync(string id, HistoryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Store.WriteAsync(BlobLayout.HistoryEntry(id, DateOnly.FromDateTime(entry.Date.UtcDateTime), entry.RunId), StorageJson.ToData(entry), cancellationToken);
    }

    /// <summary>Writes a run's per-prompt measures (replaced at each aggregation; deterministic).</summary>
    public Task WriteMeasuresAsync(string id, RunMeasures measures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measures);
        return Store.WriteAsync(BlobLayout.Measures(id), StorageJson.ToData(measures), cancellationToken);
    }

    public Task<RunMeasures?> GetMeasuresAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync<RunMeasures>(BlobLayout.Measures(id), cancellationToken);

    /// <summary>Writes a run's drift test once; false when it already had one (nothing is written).</summary>
    public Task<bool> TryCreateDriftAsync(string id, DriftReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Store.TryCreateAsync(BlobLayout.Drift(id), StorageJson.ToData(report), cancellationToken);
    }

    public Task<DriftReport?> GetDriftAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync<DriftReport>(BlobLayout.Drift(id), cancellationToken);

    /// <summary>Writes the nightly budget's decision about a run (before its record, so a run never lacks one).</summary>
    public Task WriteBudgetAsync(string id, NightlyBudgetDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Store.WriteAsync(BlobLayout.Budget(id), StorageJson.ToData(decision), cancellationToken);
    }

    public Task<NightlyBudgetDecision?> GetBudgetAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync<NightlyBudgetDecision>(BlobLayout.Budget(id), cancellationToken);

    /// <summary>History entries of an experiment, oldest first.</summary>
    public async IAsyncEnumerable<HistoryEntry> ReadHistoryAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in Store.ListAsync(BlobLayout.History(id), cancellationToken))
        {
            if (await ReadAsync<HistoryEntry>(blob.Path, cancellationToken) is { } entry)
            {
                yield return entry;
            }
        }
    }

    private static BinaryData SpecData(ExperimentSpec spec) => BinaryData.FromString(SpecLoader.Serialize(spec));

    private async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        var data = await Store.ReadAsync(path, cancellationToken);
        return data is null ? null : StorageJson.FromData<T>(data, path);
    }
}
