using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Superposition.Storage.Connections;

/// <summary>Registers the Blob and Queue service clients of a <see cref="StorageConnection"/> with Microsoft.Extensions.Azure.</summary>
public static class StorageClientRegistration
{
    /// <summary>
    /// Registers <see cref="BlobServiceClient"/> and <see cref="QueueServiceClient"/> (base64 messages) of the
    /// connection named <paramref name="name"/>, created at first use; a missing setting fails there, naming it.
    /// </summary>
    public static IServiceCollection AddStorageConnection(this IServiceCollection services, IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAzureClients(clients =>
        {
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, sp) =>
                StorageConnection.Get(configuration, name).CreateBlobServiceClient(sp.GetRequiredService<AzureComponentFactory>(), options));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, sp) =>
                StorageConnection.Get(configuration, name).CreateQueueServiceClient(sp.GetRequiredService<AzureComponentFactory>(), options));
        });
        return services;
    }
}
