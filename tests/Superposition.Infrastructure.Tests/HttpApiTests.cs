using System.Text.Json;
using Superposition.Functions.Tests.Hosting;

namespace Superposition.Infrastructure.Tests;

/// <summary>The HTTP API needs a function key in Azure: the app asks for it, and the template turns nothing off.</summary>
public sealed class HttpApiTests
{
    [Fact]
    public void Every_http_function_of_the_app_requires_a_function_key()
    {
        var path = Path.Combine(RepositoryFiles.AppOutput, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}: build the Functions app first.");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));
        var http = metadata.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Select(b => (Function: f.GetProperty("name").GetString(), Binding: b)))
            .Where(x => x.Binding.GetProperty("type").GetString() == "httpTrigger")
            .ToList();
        Assert.NotEmpty(http);
        Assert.All(http, x => Assert.True(x.Binding.GetProperty("authLevel").GetString() == "Function", $"{x.Function} is {x.Binding.GetProperty("authLevel")}"));
    }

    [Fact]
    [Trait(Needs.Trait, Needs.Bicep)]
    public void Template_configures_no_authentication_override_that_could_open_the_API()
    {
        // Only the app settings are configured on the site: no authsettings (App Service authentication) and no
        // CORS or IP rules resource that could stand in for the function keys.
        var configs = Template.Main.OfType("Microsoft.Web/sites/config").Select(c => c.GetProperty("name").GetString()!.Split('/')[^1]);
        Assert.Equal(["appsettings"], configs);
        Assert.DoesNotContain(
            Template.AppSettings(Template.Main).Keys.Concat(Template.ParameterSettings(withOpenAiKey: true).Keys),
            name => name.StartsWith("WEBSITE_AUTH", StringComparison.OrdinalIgnoreCase) || name.Contains("AuthLevel", StringComparison.OrdinalIgnoreCase));
    }
}
