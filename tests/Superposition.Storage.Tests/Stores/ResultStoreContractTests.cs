using Superposition.Storage.Stores;

namespace Superposition.Storage.Tests.Stores;

/// <summary>
/// The contract every <see cref="IResultStore"/> keeps, checked on each: the local folder (the CLI's), Blob storage
/// against Azurite (the Functions app's) and the in-memory store the engine's fast tests use. A store that passes
/// these behaves as the engine expects, so tests run on the in-memory one say what the others would.
/// </summary>
public abstract class ResultStoreContract
{
    /// <summary>A new, empty store.</summary>
    protected abstract Task<IResultStore> CreateAsync();

    [Fact]
    public async Task Create_once_writes_the_first_document_and_refuses_the_second()
    {
        var store = await CreateAsync();
        Assert.True(await store.TryCreateAsync("experiments/e/results/m/D1/00000.json", BinaryData.FromString("first"), default));
        Assert.False(await store.TryCreateAsync("experiments/e/results/m/D1/00000.json", BinaryData.FromString("second"), default));
        Assert.Equal("first", (await store.ReadAsync("experiments/e/results/m/D1/00000.json", default))!.ToString());
    }

    [Fact]
    public async Task Of_concurrent_creates_of_one_path_exactly_one_succeeds_and_its_content_is_kept()
    {
        // What makes a re-delivered work item harmless: two workers racing on one result leave one result.
        var store = await CreateAsync();
        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.TryCreateAsync("race/result.json", BinaryData.FromString($"writer {i}"), default))));

        var winner = Assert.Single(created.Select((ok, i) => (ok, i)), c => c.ok);
        Assert.Equal($"writer {winner.i}", (await store.ReadAsync("race/result.json", default))!.ToString());
    }

    [Fact]
    public async Task Deleting_removes_the_document_and_deleting_a_missing_one_is_no_error()
    {
        var store = await CreateAsync();
        await store.WriteAsync("d/gone.json", BinaryData.FromString("x"), default);

        await store.DeleteAsync("d/gone.json", default);
        await store.DeleteAsync("d/never.json", default);

        Assert.Null(await store.ReadAsync("d/gone.json", default));
        Assert.True(await store.TryCreateAsync("d/gone.json", BinaryData.FromString("again"), default));
    }

    [Fact]
    public async Task Missing_documents_read_as_null()
    {
        var store = await CreateAsync();
        Assert.Null(await store.ReadAsync("experiments/none/spec.json", default));
        Assert.Null(await store.GetAsync("experiments/none/spec.json", default));
        Assert.Empty(await store.ListAsync("experiments/none/", default).ToListAsync());
    }

    [Fact]
    public async Task Listing_is_in_ordinal_path_order()
    {
        // "a-b" sorts before "a/x" ('-' < '/'): a folder's files fall where its name plus '/' falls.
        string[] paths = ["p/a/x.json", "p/a-b.json", "p/a.json", "p/B.json", "p/a/b/c.json", "p/z.json", "p/a~3A.json", "q/other.json"];
        var store = await CreateAsync();
        foreach (var path in paths)
        {
            await store.WriteAsync(path, BinaryData.FromString(path), default);
        }

        var listed = await store.ListAsync("p/", default).Select(b => b.Path).ToListAsync();
        Assert.Equal(paths.Where(p => p.StartsWith("p/", StringComparison.Ordinal)).Order(StringComparer.Ordinal), listed);
        Assert.Equal(["b"], await store.ListFoldersAsync("p/a/", default).ToListAsync());
        Assert.Equal(["a"], await store.ListFoldersAsync("p/", default).ToListAsync());
    }

    [Fact]
    public async Task Overwriting_a_document_changes_its_tag()
    {
        var store = await CreateAsync();
        await store.WriteAsync("x/changed.json", BinaryData.FromString("1"), default);
        var first = await store.GetAsync("x/changed.json", default);

        // No pause between the writes: the second document is longer, so its tag must differ even if both writes
        // land in the same clock tick of the file system.
        await store.WriteAsync("x/changed.json", BinaryData.FromString("22"), default);
        var second = await store.GetAsync("x/changed.json", default);
        Assert.NotEqual(first!.ETag, second!.ETag);
        Assert.Equal("22", (await store.ReadAsync("x/changed.json", default))!.ToString());
    }
}

public sealed class LocalFolderResultStoreContractTests : ResultStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "superposition-store-" + Guid.NewGuid().ToString("N"));

    protected override Task<IResultStore> CreateAsync() => Task.FromResult<IResultStore>(new LocalFolderResultStore(_folder));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

public sealed class InMemoryResultStoreContractTests : ResultStoreContract
{
    protected override Task<IResultStore> CreateAsync() => Task.FromResult<IResultStore>(new InMemoryResultStore());
}

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class BlobResultStoreContractTests(AzuriteFixture azurite) : ResultStoreContract, IClassFixture<AzuriteFixture>
{
    protected override async Task<IResultStore> CreateAsync() => new BlobResultStore(await azurite.NewContainerAsync("contract"));
}
