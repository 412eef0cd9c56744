using System.Globalization;
using System.Text;
using System.Text.Json;
using Superposition.Functions.Tests.Hosting;

namespace Superposition.Infrastructure.Tests;

/// <summary>
/// What a Bicep file deploys with given parameters, as <c>bicep snapshot</c> predicts it offline: every resource of
/// every module with its id and properties evaluated, except what only Azure knows (a <c>reference()</c> to a
/// resource's runtime properties stays an expression), and the outputs.
/// </summary>
internal sealed class Deployment
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";

    private Deployment(JsonElement snapshot)
    {
        Resources = [.. snapshot.GetProperty("predictedResources").EnumerateArray().Select(r => r.Clone())];
        Outputs = snapshot.GetProperty("outputs").Clone();
    }

    public IReadOnlyList<JsonElement> Resources { get; }

    public JsonElement Outputs { get; }

    /// <summary>The repository's infra/ folder.</summary>
    public static string InfraFolder => System.IO.Path.Combine(RepositoryFiles.Root, "infra");

    /// <summary>infra/main.bicep with these parameters (Bicep literals by name) besides environmentName and location.</summary>
    public static Deployment OfMain(params (string Name, string Value)[] parameters) =>
        Snapshot("main.bicep", [("environmentName", "'test'"), ("location", "'westeurope'"), .. parameters], "--location", "westeurope");

    /// <summary>A module of infra/ (e.g. app/settings.bicep) deployed to a resource group, with these parameters.</summary>
    public static Deployment OfModule(string file, params (string Name, string Value)[] parameters) =>
        Snapshot(file, parameters, "--resource-group", "rg-test", "--location", "westeurope");

    /// <summary>Resources of <paramref name="type"/>.</summary>
    public IReadOnlyList<JsonElement> OfType(string type) =>
        [.. Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The one resource of <paramref name="type"/>.</summary>
    public JsonElement Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"Expected one {type}, found {found.Count}.");
        return found[0];
    }

    private static Deployment Snapshot(string file, IEnumerable<(string Name, string Value)> parameters, params string[] scope)
    {
        var folder = Directory.CreateTempSubdirectory("superposition-bicep-");
        try
        {
            // A .bicepparam names its template by a relative path only.
            var template = System.IO.Path.GetRelativePath(folder.FullName, System.IO.Path.Combine(InfraFolder, file)).Replace('\\', '/');
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"using '{template}'\n");
            foreach (var (name, value) in parameters)
            {
                text.Append(CultureInfo.InvariantCulture, $"param {name} = {value}\n");
            }

            var parametersFile = System.IO.Path.Combine(folder.FullName, "test.bicepparam");
            File.WriteAllText(parametersFile, text.ToString());
            var (exitCode, output) = BicepCli.Run(folder.FullName, ["snapshot", parametersFile, "--mode", "overwrite", "--subscription-id", SubscriptionId, .. scope]);
            Assert.True(exitCode == 0, $"bicep snapshot of {file} failed ({exitCode}):\n{output}\n{text}");
            using var snapshot = JsonDocument.Parse(File.ReadAllText(System.IO.Path.ChangeExtension(parametersFile, ".snapshot.json")));
            var diagnostics = snapshot.RootElement.GetProperty("diagnostics");
            Assert.True(diagnostics.GetArrayLength() == 0, $"bicep snapshot of {file} reported: {diagnostics}");
            return new Deployment(snapshot.RootElement);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs a snapshot that must fail, and returns bicep's output.</summary>
    public static string FailureOfModule(string file, params (string Name, string Value)[] parameters)
    {
        try
        {
            OfModule(file, parameters);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            return e.Message;
        }

        Assert.Fail($"bicep snapshot of {file} succeeded where it should fail.");
        return string.Empty;
    }
}
