using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Xunit;

namespace Superposition.Testing;

/// <summary>
/// Azurite, started by the test command (scripts/test.sh), reached through the real Azure SDK clients. The
/// connection string comes from SUPERPOSITION_TEST_STORAGE (the test command sets it to the ports it chose),
/// else the emulator's default <c>UseDevelopmentStorage=true</c>. Each fixture uses containers and queues of its
/// own, deleted when it is disposed. Shared by the storage, CLI and Functions tests through this test-support project.
/// A class that uses it carries <c>[Trait(Needs.Trait, Needs.Azurite)]</c> (<see cref="Needs"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly List<BlobContainerClient> _containers = [];

    public AzuriteFixture() => Needs.Require(Needs.Azurite);

    private readonly List<string> _queues = [];

    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("SUPERPOSITION_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    public BlobServiceClient Blobs => new(ConnectionString);

    /// <summary>Queues with base64 messages, as the Functions host reads them.</summary>
    public QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>A new, empty container with a unique name, deleted when the fixture is disposed.</summary>
    public async Task<BlobContainerClient> NewContainerAsync(string prefix)
    {
        var container = Blobs.GetBlobContainerClient(UniqueName(prefix));
        await container.CreateAsync();
        _containers.Add(container);
        return container;
    }

    /// <summary>
    /// A unique container or queue name (lowercase, at most 63 characters) that the fixture deletes, as a container
    /// and as queues (with their "-poison" queues), when it is disposed, whether or not it was created.
    /// </summary>
    public string UniqueName(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(56, prefix.Length + 33)];
        _containers.Add(Blobs.GetBlobContainerClient(name));
        _queues.Add(name);
        return name;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var container in _containers.DistinctBy(c => c.Name))
        {
            await container.DeleteIfExistsAsync();
        }

        var queues = Queues;
        foreach (var queue in _queues.SelectMany(q => new[] { q, q + "-plan", q + "-work", q + "-plan-poison", q + "-work-poison", q + "-poison" }))
        {
            await queues.GetQueueClient(queue).DeleteIfExistsAsync();
        }
    }
}
