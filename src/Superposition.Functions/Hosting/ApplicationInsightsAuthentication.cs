using Azure.Core;
using Azure.Identity;

namespace Superposition.Functions.Hosting;

/// <summary>
/// Reads <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> as the Functions host does: <c>Authorization=AAD</c> (the
/// system-assigned identity) or <c>Authorization=AAD;ClientId=&lt;client id&gt;</c> (a user-assigned one), so that the
/// worker's exporter ingests as the same identity as the host.
/// </summary>
public static class ApplicationInsightsAuthentication
{
    /// <summary>The managed identity credential the setting names; null when it is empty (ingestion by the connection string's key alone).</summary>
    /// <exception cref="InvalidOperationException">The setting is neither form.</exception>
    public static TokenCredential? Credential(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in setting.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !pairs.TryAdd(part[..equals].Trim(), part[(equals + 1)..].Trim()))
            {
                throw Bad(setting);
            }
        }

        if (!pairs.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase)
            || pairs.Keys.Any(k => !k.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && !k.Equals("ClientId", StringComparison.OrdinalIgnoreCase)))
        {
            throw Bad(setting);
        }

        if (!pairs.TryGetValue("ClientId", out var clientId))
        {
            return new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        }

        return Guid.TryParse(clientId, out _) ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)) : throw Bad(setting);
    }

    private static InvalidOperationException Bad(string setting) =>
        new($"{TelemetryServiceCollectionExtensions.AuthenticationSetting} is '{setting}'; expected 'Authorization=AAD' (the system-assigned identity) or 'Authorization=AAD;ClientId=<client id of a user-assigned identity>'.");
}
