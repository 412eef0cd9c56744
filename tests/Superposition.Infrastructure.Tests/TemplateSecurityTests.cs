using System.Text.Json;

namespace Superposition.Infrastructure.Tests;

/// <summary>The security properties of what infra/main.bicep deploys, read from its compiled template and snapshot.</summary>
[Trait(Needs.Trait, Needs.Bicep)]
public sealed class TemplateSecurityTests
{
    private static Deployment Main => Template.Main;

    private static string IdentityId => Template.Id("Microsoft.ManagedIdentity/userAssignedIdentities", "id-", Main);

    [Fact]
    public void Both_storage_accounts_refuse_shared_keys_anonymous_blobs_plain_HTTP_and_TLS_below_1_2()
    {
        var accounts = Main.OfType("Microsoft.Storage/storageAccounts");
        Assert.Equal(["sthost", "stdata"], accounts.Select(a => a.GetProperty("name").GetString()![..6]));
        Assert.All(accounts, account =>
        {
            var properties = account.GetProperty("properties");
            Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
            Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
            Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
            Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        });
        Assert.All(Main.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => Assert.Equal("None", c.GetProperty("properties").GetProperty("publicAccess").GetString()));
    }

    [Theory]
    [InlineData("listKeys(")]
    [InlineData("listAccountSas(")]
    [InlineData("listServiceSas(")]
    [InlineData("listConnectionStrings(")]
    [InlineData("AccountKey=")]
    [InlineData("SharedAccessSignature=")]
    [InlineData("DefaultEndpointsProtocol=")]
    public void No_setting_output_or_resource_holds_a_storage_key_or_a_connection_string(string marker)
    {
        Assert.DoesNotContain(marker, Template.MainTemplate.Value.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.All(Main.Resources, r => Assert.DoesNotContain(marker, r.GetRawText(), StringComparison.OrdinalIgnoreCase));
        Assert.All(Template.ParameterSettings(withOpenAiKey: true).Values, v => Assert.DoesNotContain(marker, v, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Storage_connections_are_identity_based_on_the_two_accounts_as_the_user_assigned_identity()
    {
        var settings = Template.AppSettings(Main);
        var host = Template.Id("Microsoft.Storage/storageAccounts", "sthost", Main);
        var data = Template.Id("Microsoft.Storage/storageAccounts", "stdata", Main);
        var clientId = $"[reference('{IdentityId}', '2023-01-31').clientId]";
        Assert.Equal($"[reference('{host}', '2024-01-01').primaryEndpoints.blob]", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal($"[reference('{host}', '2024-01-01').primaryEndpoints.table]", settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.Equal($"[reference('{data}', '2024-01-01').primaryEndpoints.blob]", settings["SuperpositionStorage__blobServiceUri"]);
        Assert.Equal($"[reference('{data}', '2024-01-01').primaryEndpoints.queue]", settings["SuperpositionStorage__queueServiceUri"]);
        foreach (var connection in (string[])["AzureWebJobsStorage", "SuperpositionStorage"])
        {
            Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
            Assert.Equal(clientId, settings[$"{connection}__clientId"]);
            Assert.False(settings.ContainsKey(connection), $"{connection} as a connection string");
        }
    }

    [Fact]
    public void Function_app_runs_dotnet_10_isolated_on_Flex_Consumption_HTTPS_only_with_TLS_1_2_and_no_FTP_or_basic_auth()
    {
        var plan = Main.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        var site = Main.Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        var properties = site.GetProperty("properties");
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", properties.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", properties.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
        var runtime = properties.GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal(("dotnet-isolated", "10.0"), (runtime.GetProperty("name").GetString(), runtime.GetProperty("version").GetString()));
        Assert.All(Main.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"), p => Assert.False(p.GetProperty("properties").GetProperty("allow").GetBoolean()));
        Assert.Equal(2, Main.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").Count);
    }

    [Fact]
    public void Function_app_runs_as_the_user_assigned_identity_also_for_Key_Vault_references_and_its_package()
    {
        var site = Main.Single("Microsoft.Web/sites");
        var identity = site.GetProperty("identity");
        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        Assert.Equal([IdentityId], identity.GetProperty("userAssignedIdentities").EnumerateObject().Select(p => p.Name));
        Assert.Equal(IdentityId, site.GetProperty("properties").GetProperty("keyVaultReferenceIdentity").GetString());
        var package = site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");
        Assert.Equal("UserAssignedIdentity", package.GetProperty("authentication").GetProperty("type").GetString());
        Assert.Equal(IdentityId, package.GetProperty("authentication").GetProperty("userAssignedIdentityResourceId").GetString());
    }

    [Fact]
    public void Application_Insights_accepts_only_Entra_ID_and_the_app_authenticates_as_its_identity()
    {
        Assert.True(Main.Single("Microsoft.Insights/components").GetProperty("properties").GetProperty("DisableLocalAuth").GetBoolean());
        var settings = Template.AppSettings(Main);
        var insights = Template.Id("Microsoft.Insights/components", "appi-", Main);
        Assert.Equal($"[format('Authorization=AAD;ClientId={{0}}', reference('{IdentityId}', '2023-01-31').clientId)]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal($"[reference('{insights}', '2020-02-02').ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void Key_Vault_authorizes_by_Azure_RBAC_only_and_keeps_deleted_secrets()
    {
        var properties = Main.Single("Microsoft.KeyVault/vaults").GetProperty("properties");
        Assert.True(properties.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.Equal(0, properties.GetProperty("accessPolicies").GetArrayLength());
        Assert.True(properties.GetProperty("enableSoftDelete").GetBoolean());
        Assert.Equal(JsonValueKind.Number, properties.GetProperty("softDeleteRetentionInDays").ValueKind);
    }
}
