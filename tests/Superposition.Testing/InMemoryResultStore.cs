using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Superposition.Storage.Stores;

namespace Superposition.Testing;

/// <summary>
/// Documents in memory, for the engine's tests in the fast tier (no Azurite). It keeps the contract the Blob and
/// local-folder stores keep, and the same contract tests run against all three
/// (tests/Superposition.Storage.Tests/Stores): create-once refuses a second write atomically, listing is in ordinal
/// path order, folders are the path segments under a prefix, and every write gets a new tag. Content is copied in
/// and out, so a caller cannot change a stored document by keeping its buffer.
/// </summary>
public sealed class InMemoryResultStore(TimeProvider? time = null) : IResultStore
{
    private readonly ConcurrentDictionary<string, Entry> _documents = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? new FakeTimeProvider();
    private long _writes;

    public string Location => "memory";

    /// <summary>Documents stored now.</summary>
    public int Count => _documents.Count;

    public Task<bool> TryCreateAsync(string path, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_documents.TryAdd(Checked(path), New(content)));
    }

    public Task WriteAsync(string path, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        cancellationToken.ThrowIfCancellationRequested();
        _documents[Checked(path)] = New(content);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        _documents.TryRemove(Checked(path), out _);
        return Task.CompletedTask;
    }

    public Task<BinaryData?> ReadAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryGetValue(Checked(path), out var entry) ? new BinaryData(entry.Content.ToArray()) : null);

    public Task<StoredBlob?> GetAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryGetValue(Checked(path), out var entry) ? new StoredBlob(path, entry.LastModified, entry.ETag) : null);

    public async IAsyncEnumerable<StoredBlob> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);

        // A snapshot, as a listing page is: documents written while the caller reads are not guaranteed to appear.
        foreach (var (path, entry) in _documents.Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(d => d.Key, StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StoredBlob(path, entry.LastModified, entry.ETag);
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListFoldersAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var folders = _documents.Keys
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.IndexOf('/', prefix.Length) > prefix.Length)
            .Select(p => p[prefix.Length..p.IndexOf('/', prefix.Length)])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var folder in folders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return folder;
        }

        await Task.CompletedTask;
    }

    private Entry New(BinaryData content) =>
        new(content.ToArray(), _time.GetUtcNow(), $"\"{Interlocked.Increment(ref _writes)}\"");

    private static string Checked(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return path;
    }

    private sealed record Entry(byte[] Content, DateTimeOffset LastModified, string ETag);
}
