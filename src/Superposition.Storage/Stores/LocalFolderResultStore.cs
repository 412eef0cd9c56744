using System.Globalization;
using System.Runtime.CompilerServices;

namespace Superposition.Storage.Stores;

/// <summary>
/// Documents as files under a root folder, at the same relative paths as blobs. Writes go to a temporary file
/// first and are then moved into place, so a reader (or a resumed run) never sees half a document; create-once is
/// a move that refuses to overwrite.
/// </summary>
public sealed class LocalFolderResultStore : IResultStore
{
    // Encoded path segments never start with '.', so these names cannot clash with documents.
    private const string TemporaryPrefix = ".tmp-";
    private readonly string _root;

    public LocalFolderResultStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public string Location => _root;

    public async Task<bool> TryCreateAsync(string path, BinaryData content, CancellationToken cancellationToken)
    {
        var target = FullPath(path);
        if (File.Exists(target))
        {
            return false;
        }

        var temporary = await WriteTemporaryAsync(target, content, cancellationToken);
        try
        {
            File.Move(temporary, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(temporary);
            return false;
        }
    }

    public async Task WriteAsync(string path, BinaryData content, CancellationToken cancellationToken)
    {
        var target = FullPath(path);
        var temporary = await WriteTemporaryAsync(target, content, cancellationToken);
        File.Move(temporary, target, overwrite: true);
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        File.Delete(FullPath(path));
        return Task.CompletedTask;
    }

    public async Task<BinaryData?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return new BinaryData(await File.ReadAllBytesAsync(FullPath(path), cancellationToken));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<StoredBlob?> GetAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileInfo(FullPath(path));
        return Task.FromResult(file.Exists ? Describe(path, file) : null);
    }

    public async IAsyncEnumerable<StoredBlob> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? "" : prefix[..(slash + 1)];
        foreach (var (relative, file) in Walk(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (relative.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return Describe(relative, file);
            }
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListFoldersAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(FullPath(prefix));
        if (!folder.Exists)
        {
            yield break;
        }

        foreach (var name in folder.EnumerateDirectories().Select(d => d.Name).Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask;
    }

    /// <summary>
    /// Files under a folder in ordinal order of their full relative path, one directory in memory at a time.
    /// Entries are ordered by name plus "/" for folders, which is where a folder's files fall among full paths.
    /// </summary>
    private IEnumerable<(string Relative, FileInfo File)> Walk(string folder)
    {
        var directory = new DirectoryInfo(FullPath(folder));
        if (!directory.Exists)
        {
            yield break;
        }

        var entries = directory.EnumerateFileSystemInfos()
            .Where(e => !e.Name.StartsWith('.'))
            .Select(e => (Key: e.Name + (e is DirectoryInfo ? "/" : ""), Entry: e))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var (key, entry) in entries)
        {
            if (entry is FileInfo file)
            {
                yield return (folder + key, file);
                continue;
            }

            foreach (var child in Walk(folder + key))
            {
                yield return child;
            }
        }
    }

    private static StoredBlob Describe(string path, FileInfo file) =>
        new(path, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) + "-" + file.Length.ToString(CultureInfo.InvariantCulture));

    private static async Task<string> WriteTemporaryAsync(string target, BinaryData content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(temporary, content.ToMemory(), cancellationToken);
        return temporary;
    }

    private string FullPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Split('/').Any(s => s is "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a store path: it has a '.' or '..' segment.", nameof(path));
        }

        return Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar));
    }
}
