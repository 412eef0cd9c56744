using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Superposition.Storage.Stores;

/// <summary>
/// Documents as blobs in one container (created on first write). Create-once is an upload with
/// <c>If-None-Match: *</c>: a 409 means the document exists and nothing was written.
/// </summary>
public sealed class BlobResultStore(BlobContainerClient container) : IResultStore
{
    private readonly BlobContainerClient _container = container ?? throw new ArgumentNullException(nameof(container));
    private volatile bool _containerExists;

    public string Location => _container.Uri.GetLeftPart(UriPartial.Path);

    public async Task<bool> TryCreateAsync(string path, BinaryData content, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        try
        {
            await _container.GetBlobClient(path).UploadAsync(content, Options(new BlobRequestConditions { IfNoneMatch = ETag.All }, path), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            return false;
        }
    }

    public async Task WriteAsync(string path, BinaryData content, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await _container.GetBlobClient(path).UploadAsync(content, Options(null, path), cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(cancellationToken))
        {
            await _container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public async Task<BinaryData?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<StoredBlob?> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await _container.GetBlobClient(path).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new StoredBlob(path, properties.LastModified, properties.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<StoredBlob> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cancellationToken))
        {
            yield break;
        }

        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            yield return new StoredBlob(blob.Name, blob.Properties.LastModified ?? DateTimeOffset.MinValue, blob.Properties.ETag?.ToString() ?? "");
        }
    }

    public async IAsyncEnumerable<string> ListFoldersAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cancellationToken))
        {
            yield break;
        }

        await foreach (var item in _container.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Prefix = prefix, Delimiter = "/" }, cancellationToken))
        {
            if (item.IsPrefix)
            {
                yield return item.Prefix[prefix.Length..].TrimEnd('/');
            }
        }
    }

    private static BlobUploadOptions Options(BlobRequestConditions? conditions, string path) => new()
    {
        Conditions = conditions,
        HttpHeaders = new BlobHttpHeaders
        {
            ContentType = path.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
        },
    };

    private async Task<bool> ExistsAsync(CancellationToken cancellationToken) =>
        _containerExists || (_containerExists = (await _container.ExistsAsync(cancellationToken)).Value);

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }
    }
}
