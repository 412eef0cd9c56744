using Azure.Storage.Blobs;

namespace Superposition.Tests;

/// <summary>
/// Azurite, started by the test command (scripts/test.sh), reached through the real Azure SDK clients. The
/// connection string comes from SUPERPOSITION_TEST_STORAGE (the test command sets it to the ports it chose),
/// else the emulator's default <c>UseDevelopmentStorage=true</c>. Each fixture uses containers of its own.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly List<BlobContainerClient> _containers = [];

    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("SUPERPOSITION_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    public BlobServiceClient Blobs => new(ConnectionString);

    /// <summary>A new, empty container with a unique name, deleted when the fixture is disposed.</summary>
    public async Task<BlobContainerClient> NewContainerAsync(string prefix)
    {
        var container = Blobs.GetBlobContainerClient($"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)]);
        await container.CreateAsync();
        _containers.Add(container);
        return container;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DeleteIfExistsAsync();
        }
    }
}
