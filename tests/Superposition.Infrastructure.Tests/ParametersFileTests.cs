using System.Text.Json;
using System.Text.RegularExpressions;

namespace Superposition.Infrastructure.Tests;

/// <summary>infra/main.parameters.json, which azd fills from the environment (`azd env set NAME value`).</summary>
[Trait(Needs.Trait, Needs.Bicep)]
public sealed partial class ParametersFileTests
{
    [GeneratedRegex(@"^\$\{(?<variable>[A-Z_]+)(?:=(?<default>.*))?\}$")]
    private static partial Regex AzdVariable();

    private static Dictionary<string, string> Values()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Deployment.InfraFolder, "main.parameters.json")));
        return file.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetString()!);
    }

    [Fact]
    public void Every_parameter_it_maps_exists_in_main_bicep_and_its_default_is_main_bicep_s()
    {
        var parameters = Template.MainTemplate.Value.GetProperty("parameters");
        Assert.All(Values(), entry =>
        {
            Assert.True(parameters.TryGetProperty(entry.Key, out var parameter), $"main.bicep has no parameter {entry.Key}");
            var match = AzdVariable().Match(entry.Value);
            Assert.True(match.Success, $"{entry.Key}: '{entry.Value}' is not ${{VARIABLE}} or ${{VARIABLE=default}}");
            if (match.Groups["default"].Success)
            {
                Assert.Equal(parameter.GetProperty("defaultValue").GetString(), match.Groups["default"].Value);
            }
        });
    }

    [Fact]
    public void The_OpenAI_key_comes_from_the_environment_into_a_secure_parameter()
    {
        Assert.Equal("${OPENAI_API_KEY=}", Values()["openAiApiKey"]);
        Assert.Equal("securestring", Template.MainTemplate.Value.GetProperty("parameters").GetProperty("openAiApiKey").GetProperty("type").GetString());
    }
}
