namespace Superposition.Storage.Stores;

/// <summary>A stored document: its path, when it was last written, and a tag that changes with every write.</summary>
public sealed record StoredBlob(string Path, DateTimeOffset LastModified, string ETag);
