using Azure;
using Azure.Storage.Blobs.Models;

namespace Superposition.Storage.Tests;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AzuriteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_blob_written_through_the_Azure_SDK_reads_back_byte_for_byte()
    {
        var container = await azurite.NewContainerAsync("smoke");
        var content = "{\"experiment\":\"fig6-numbers\",\"klRaw\":1.5}\n超位置"u8.ToArray();
        var blob = container.GetBlobClient("results/prompt-0001.json");
        await blob.UploadAsync(new BinaryData(content));

        var downloaded = await blob.DownloadContentAsync();
        Assert.Equal(content, downloaded.Value.Content.ToArray());
    }

    [Fact]
    public async Task Create_once_upload_refuses_to_overwrite_an_existing_blob()
    {
        // The worker's idempotency rests on this: If-None-Match: * makes a second write fail with 409.
        var container = await azurite.NewContainerAsync("once");
        var blob = container.GetBlobClient("result.json");
        await blob.UploadAsync(BinaryData.FromString("first"), overwrite: false);

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("second"), overwrite: false));
        Assert.Equal(409, e.Status);
        Assert.Equal(BlobErrorCode.BlobAlreadyExists.ToString(), e.ErrorCode);
        Assert.Equal("first", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }
}
