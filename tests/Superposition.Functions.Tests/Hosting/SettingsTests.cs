using System.Text.Json;
using Superposition.Functions.Hosting;

namespace Superposition.Functions.Tests.Hosting;

public sealed class SettingsTests
{
    private static IReadOnlyList<string> SampleKeys()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "local.settings.sample.json")));
        return [.. sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name)];
    }

    [Fact]
    public void Every_setting_of_the_sample_is_documented_in_the_settings_table_of_docs_functions()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "functions.md"));
        var start = page.IndexOf("\n## Settings\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/functions.md has no \"## Settings\" section");
        var end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var table = page[start..(end < 0 ? page.Length : end)];
        Assert.All(SampleKeys(), key => Assert.Contains($"| `{key}` |", table, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_name_of_the_sample_is_one_Azure_app_settings_accept()
    {
        // App Service and Functions allow letters, digits, periods and underscores ("Configure an App Service app");
        // a model whose name has a hyphen is registered under such a key with its name as a field.
        Assert.All(SampleKeys(), key => Assert.Matches("^[A-Za-z0-9_.]+$", key));
        Assert.Contains("Superposition__Models__gpt4omini__Name", SampleKeys());
    }

    [Fact]
    public void Sample_sets_every_setting_the_triggers_name()
    {
        Assert.Superset(
            new HashSet<string>([Settings.StorageConnection, Settings.PlanQueue, Settings.WorkQueue, Settings.AggregateSchedule, Settings.NightlySchedule, "AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME"]),
            SampleKeys().ToHashSet());
    }

    [Fact]
    public void Host_json_in_the_app_output_is_the_repository_one_with_base64_queue_messages()
    {
        var output = File.ReadAllText(Path.Combine(RepositoryFiles.AppOutput, "host.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "host.json")), output);
        using var host = JsonDocument.Parse(output);
        Assert.Equal("base64", host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString());
    }
}
