using Superposition.Storage.Stores;

namespace Superposition.Storage.Tests.Stores;

/// <summary>The same contract, checked on the local-folder store and on the Blob store against Azurite.</summary>
public sealed class ResultStoreContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "superposition-store-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Stores => ["local", "blob"];

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<IResultStore> CreateAsync(string kind) => kind == "local"
        ? new LocalFolderResultStore(_folder)
        : new BlobResultStore(await azurite.NewContainerAsync("contract"));

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Create_once_writes_the_first_document_and_refuses_the_second(string kind)
    {
        var store = await CreateAsync(kind);
        Assert.True(await store.TryCreateAsync("experiments/e/results/m/D1/00000.json", BinaryData.FromString("first"), default));
        Assert.False(await store.TryCreateAsync("experiments/e/results/m/D1/00000.json", BinaryData.FromString("second"), default));
        Assert.Equal("first", (await store.ReadAsync("experiments/e/results/m/D1/00000.json", default))!.ToString());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Missing_documents_read_as_null(string kind)
    {
        var store = await CreateAsync(kind);
        Assert.Null(await store.ReadAsync("experiments/none/spec.json", default));
        Assert.Null(await store.GetAsync("experiments/none/spec.json", default));
        Assert.Empty(await store.ListAsync("experiments/none/", default).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Listing_is_in_ordinal_path_order_on_both_stores(string kind)
    {
        // "a-b" sorts before "a/x" ('-' < '/'): a folder's files fall where its name plus '/' falls.
        string[] paths = ["p/a/x.json", "p/a-b.json", "p/a.json", "p/B.json", "p/a/b/c.json", "p/z.json", "p/a~3A.json", "q/other.json"];
        var store = await CreateAsync(kind);
        foreach (var path in paths)
        {
            await store.WriteAsync(path, BinaryData.FromString(path), default);
        }

        var listed = await store.ListAsync("p/", default).Select(b => b.Path).ToListAsync();
        Assert.Equal(paths.Where(p => p.StartsWith("p/", StringComparison.Ordinal)).Order(StringComparer.Ordinal), listed);
        Assert.Equal(["b"], await store.ListFoldersAsync("p/a/", default).ToListAsync());
        Assert.Equal(["a"], await store.ListFoldersAsync("p/", default).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Overwriting_a_document_changes_its_tag(string kind)
    {
        var store = await CreateAsync(kind);
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
