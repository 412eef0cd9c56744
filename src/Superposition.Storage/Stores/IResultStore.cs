namespace Superposition.Storage.Stores;

/// <summary>
/// Where experiment documents are kept, addressed by the paths of <see cref="Layout.BlobLayout"/>: a local folder
/// (<see cref="LocalFolderResultStore"/>, the CLI's default) or an Azure Blob container
/// (<see cref="BlobResultStore"/>, the Functions app and <c>superposition run --storage</c>).
/// </summary>
public interface IResultStore
{
    /// <summary>Where the store is, for messages (a folder or a container URI; never a key).</summary>
    string Location { get; }

    /// <summary>Writes a document only if none exists at <paramref name="path"/>; false when one does (nothing is written).</summary>
    Task<bool> TryCreateAsync(string path, BinaryData content, CancellationToken cancellationToken);

    /// <summary>Writes a document, replacing any there.</summary>
    Task WriteAsync(string path, BinaryData content, CancellationToken cancellationToken);

    /// <summary>Deletes the document at <paramref name="path"/>, if any.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>The document at <paramref name="path"/>, or null.</summary>
    Task<BinaryData?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>What is stored at <paramref name="path"/>, or null when nothing is.</summary>
    Task<StoredBlob?> GetAsync(string path, CancellationToken cancellationToken);

    /// <summary>Every document whose path starts with <paramref name="prefix"/>, in ordinal (lexicographic) order of path.</summary>
    IAsyncEnumerable<StoredBlob> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The names of the folders directly under <paramref name="prefix"/> (which ends in '/'), in ordinal order.</summary>
    IAsyncEnumerable<string> ListFoldersAsync(string prefix, CancellationToken cancellationToken);
}
