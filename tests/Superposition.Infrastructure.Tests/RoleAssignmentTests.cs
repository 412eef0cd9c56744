namespace Superposition.Infrastructure.Tests;

[Trait(Needs.Trait, Needs.Bicep)]
public sealed class RoleAssignmentTests
{
    // Built-in role definition ids (Azure's "Azure built-in roles" page).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    [Fact]
    public void Identity_has_exactly_the_roles_the_app_needs_each_scoped_to_the_one_resource_it_is_needed_on()
    {
        var main = Template.Main;
        string Id(string type, string prefix) => Template.Id(type, prefix, main);
        var host = Id("Microsoft.Storage/storageAccounts", "sthost");
        var data = Id("Microsoft.Storage/storageAccounts", "stdata");
        var insights = Id("Microsoft.Insights/components", "appi-");
        var vault = Id("Microsoft.KeyVault/vaults", "kv-");
        HashSet<(string Scope, string Role)> expected =
        [
            (host, StorageBlobDataOwner),
            (host, StorageTableDataContributor),
            (data, StorageBlobDataContributor),
            (data, StorageQueueDataContributor),
            (insights, MonitoringMetricsPublisher),
            (vault, KeyVaultSecretsUser),
        ];

        var assignments = main.OfType("Microsoft.Authorization/roleAssignments");
        var actual = assignments.Select(a =>
        {
            var id = a.GetProperty("id").GetString()!;
            var scope = id[..id.IndexOf("/providers/Microsoft.Authorization/", StringComparison.Ordinal)];
            var role = a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
            Assert.Equal($"/subscriptions/{Deployment.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/", role[..^36]);
            return (scope, role[^36..]);
        }).ToList();

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.OrderBy(e => e), actual.OrderBy(a => a));
        var identity = Id("Microsoft.ManagedIdentity/userAssignedIdentities", "id-");
        Assert.All(assignments, a =>
        {
            Assert.Equal($"[reference('{identity}', '2023-01-31').principalId]", a.GetProperty("properties").GetProperty("principalId").GetString());
            Assert.Equal("ServicePrincipal", a.GetProperty("properties").GetProperty("principalType").GetString());
        });
    }
}
