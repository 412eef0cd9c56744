using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Superposition.Storage.Connections;

namespace Superposition.Storage.Tests.Connections;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class StorageConnectionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly AzureComponentFactory Credentials = CreateCredentials();

    /// <summary>Microsoft.Extensions.Azure's factory, as the Functions app and the CLI resolve it.</summary>
    private static AzureComponentFactory CreateCredentials()
    {
        var services = new ServiceCollection();
        services.AddAzureClientsCore();
        return services.BuildServiceProvider().GetRequiredService<AzureComponentFactory>();
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public async Task Connection_string_setting_opens_the_account_and_its_queues_speak_base64()
    {
        var connection = StorageConnection.Get(Settings(("MyStorage", azurite.ConnectionString)), "MyStorage");
        var blobs = connection.CreateBlobServiceClient(Credentials);
        var queues = connection.CreateQueueServiceClient(Credentials);

        Assert.False(connection.IsIdentityBased);
        Assert.Equal("devstoreaccount1", blobs.AccountName);
        var container = blobs.GetBlobContainerClient(azurite.UniqueName("conn"));
        await container.CreateAsync();
        Assert.True((await container.ExistsAsync()).Value);
        var queue = queues.GetQueueClient(azurite.UniqueName("conn"));
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{}");
        // Read back without decoding: the text on the wire is base64, as host.json tells the Functions host.
        var raw = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, queue.Name);
        Assert.Equal(Convert.ToBase64String("{}"u8.ToArray()), (await raw.PeekMessageAsync()).Value.MessageText);
    }

    [Fact]
    public void Identity_based_setting_takes_the_blob_and_queue_endpoints_as_the_Functions_host_names_them()
    {
        var connection = StorageConnection.Get(
            Settings(("MyStorage:blobServiceUri", "https://acct.blob.core.windows.net"), ("MyStorage:queueServiceUri", "https://acct.queue.core.windows.net")),
            "MyStorage");

        Assert.True(connection.IsIdentityBased);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), connection.CreateBlobServiceClient(Credentials).Uri);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.CreateQueueServiceClient(Credentials).Uri);
        // A credential, not a key: such a client cannot sign a SAS itself.
        Assert.False(connection.CreateBlobServiceClient(Credentials).CanGenerateAccountSasUri);
    }

    [Fact]
    public void Account_name_alone_gives_the_public_clouds_endpoints()
    {
        var connection = StorageConnection.Get(Settings(("MyStorage:accountName", "acct")), "MyStorage");
        Assert.Equal((new Uri("https://acct.blob.core.windows.net"), new Uri("https://acct.queue.core.windows.net")), (connection.BlobServiceUri, connection.QueueServiceUri));
    }

    [Fact]
    public void Missing_setting_is_an_error_naming_what_to_set()
    {
        Assert.Null(StorageConnection.Find(Settings(("Other", "x")), "MyStorage"));
        var e = Assert.Throws<InvalidOperationException>(() => StorageConnection.Get(Settings(), "MyStorage"));
        Assert.Contains("'MyStorage' is not set", e.Message, StringComparison.Ordinal);
        Assert.Contains("MyStorage__blobServiceUri", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_connection_string_is_an_error_naming_the_setting_but_not_its_value()
    {
        var connection = StorageConnection.Get(Settings(("MyStorage", "AccountKey=secret-value;nonsense")), "MyStorage");
        var e = Assert.Throws<InvalidOperationException>(() => connection.CreateBlobServiceClient(Credentials));
        Assert.Contains("'MyStorage' is not an Azure Storage connection string", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_that_is_not_an_absolute_uri_is_an_error_naming_the_setting() =>
        Assert.Contains(
            "'MyStorage__blobServiceUri' is not an absolute URI",
            Assert.Throws<InvalidOperationException>(() => StorageConnection.Find(Settings(("MyStorage:blobServiceUri", "acct.blob")), "MyStorage")).Message,
            StringComparison.Ordinal);
}
