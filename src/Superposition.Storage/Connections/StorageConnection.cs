using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Superposition.Storage.Messages;

namespace Superposition.Storage.Connections;

/// <summary>
/// A storage account named by a setting, read as the Functions host reads a connection: the setting's value is a
/// connection string, or, for an identity-based connection, its children name the endpoints
/// (<c>Name__blobServiceUri</c>, <c>Name__queueServiceUri</c>, or <c>Name__accountName</c> for the public cloud's)
/// and optionally the credential (<c>Name__credential=managedidentity</c>, <c>Name__clientId</c>; else
/// DefaultAzureCredential), resolved by Microsoft.Extensions.Azure. The Functions app and <c>superposition run</c>
/// both open their storage here. The connection string is never part of a message or of <see cref="ToString"/>.
/// </summary>
public sealed class StorageConnection
{
    private readonly IConfigurationSection _section;
    private readonly string? _connectionString;

    private StorageConnection(IConfigurationSection section, string? connectionString, Uri? blobServiceUri, Uri? queueServiceUri)
    {
        _section = section;
        _connectionString = connectionString;
        BlobServiceUri = blobServiceUri;
        QueueServiceUri = queueServiceUri;
    }

    /// <summary>The setting's name, e.g. <c>SuperpositionStorage</c>.</summary>
    public string Name => _section.Path;

    /// <summary>True when the setting holds endpoints (a credential authenticates), false for a connection string.</summary>
    public bool IsIdentityBased => _connectionString is null;

    /// <summary>The Blob endpoint of an identity-based connection.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>The Queue endpoint of an identity-based connection.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The connection named <paramref name="name"/>, or null when configuration has neither form of it.</summary>
    /// <exception cref="InvalidOperationException">An endpoint setting is not an absolute URI (the message names it).</exception>
    public static StorageConnection? Find(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section, section.Value, null, null);
        }

        var account = section["accountName"];
        var blob = Endpoint(section, "blobServiceUri") ?? Endpoint(section, "serviceUri") ?? AccountEndpoint(account, "blob");
        var queue = Endpoint(section, "queueServiceUri") ?? AccountEndpoint(account, "queue");
        return blob is null && queue is null ? null : new StorageConnection(section, null, blob, queue);
    }

    /// <summary>The connection named <paramref name="name"/>; a clear error naming what to set when it is missing.</summary>
    public static StorageConnection Get(IConfiguration configuration, string name) =>
        Find(configuration, name) ?? throw new InvalidOperationException(Missing(name));

    /// <summary>What to set for a missing connection <paramref name="name"/>.</summary>
    public static string Missing(string name) =>
        $"the storage setting '{name}' is not set: set it to a connection string (environment variable {name}, appsettings.json or user secrets), " +
        $"or, for an identity-based connection, set {name}__blobServiceUri and {name}__queueServiceUri (or {name}__accountName)";

    /// <summary>A Blob service client of this account.</summary>
    public BlobServiceClient CreateBlobServiceClient(AzureComponentFactory credentials, BlobClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= new BlobClientOptions();
        if (_connectionString is not null)
        {
            return FromConnectionString(() => new BlobServiceClient(_connectionString, options));
        }

        return new BlobServiceClient(BlobServiceUri ?? throw EndpointMissing("blobServiceUri"), Credential(credentials), options);
    }

    /// <summary>A Queue service client of this account, with the base64 messages the host expects (host.json).</summary>
    public QueueServiceClient CreateQueueServiceClient(AzureComponentFactory credentials, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= QueueMessages.ClientOptions();
        options.MessageEncoding = QueueMessageEncoding.Base64;
        if (_connectionString is not null)
        {
            return FromConnectionString(() => new QueueServiceClient(_connectionString, options));
        }

        return new QueueServiceClient(QueueServiceUri ?? throw EndpointMissing("queueServiceUri"), Credential(credentials), options);
    }

    public override string ToString() => IsIdentityBased ? $"{Name} (identity-based)" : $"{Name} (connection string)";

    private TokenCredential Credential(AzureComponentFactory credentials) => credentials.CreateTokenCredential(_section);

    private T FromConnectionString<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // The value may hold an account key: name the setting and the problem, never the value.
            throw new InvalidOperationException($"the storage setting '{Name}' is not an Azure Storage connection string ({e.GetType().Name})");
        }
    }

    private InvalidOperationException EndpointMissing(string child) =>
        new($"the storage setting '{Name}' is identity-based but has no {Name}__{child} (nor {Name}__accountName)");

    private static Uri? Endpoint(IConfigurationSection section, string child) =>
        section[child] switch
        {
            null or "" => null,
            var text when Uri.TryCreate(text, UriKind.Absolute, out var uri) => uri,
            _ => throw new InvalidOperationException($"the storage setting '{section.Path}__{child}' is not an absolute URI"),
        };

    private static Uri? AccountEndpoint(string? account, string service) =>
        string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.{service}.core.windows.net");
}
