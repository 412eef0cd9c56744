using System.Text.Json;
using Superposition.Functions.Hosting;

namespace Superposition.Functions.Tests.Hosting;

/// <summary>
/// The functions.metadata the Worker SDK generates is what the host reads: names, triggers, routes, auth levels,
/// queues and schedules. Checked here as the app's contract.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Dictionary<string, JsonElement> Triggers = Load();

    private static Dictionary<string, JsonElement> Load()
    {
        var path = Path.Combine(RepositoryFiles.AppOutput, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}: build the Functions app first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).Clone());
    }

    [Fact]
    public void App_has_exactly_the_documented_functions()
    {
        Assert.Equal(
            ["AggregateResults", "GetExperiment", "GetExperimentReport", "GetExperimentSummary", "ListExperiments", "PlanExperiment", "RecordFailedPlan", "RecordFailedWorkItem", "ReevaluateNightly", "ScoreWorkItem", "StartExperiment"],
            Triggers.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("StartExperiment", "post", "experiments")]
    [InlineData("ListExperiments", "get", "experiments")]
    [InlineData("GetExperiment", "get", "experiments/{id}")]
    [InlineData("GetExperimentSummary", "get", "experiments/{id}/summary")]
    [InlineData("GetExperimentReport", "get", "experiments/{id}/report")]
    public void Http_functions_have_their_route_method_and_function_key(string name, string method, string route)
    {
        var trigger = Triggers[name];
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [InlineData("PlanExperiment", "%PlanQueue%")]
    [InlineData("ScoreWorkItem", "%WorkQueue%")]
    [InlineData("RecordFailedPlan", "%PlanQueue%-poison")]
    [InlineData("RecordFailedWorkItem", "%WorkQueue%-poison")]
    public void Queue_functions_read_their_queue_setting_on_the_experiments_storage(string name, string queue)
    {
        var trigger = Triggers[name];
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal(Settings.StorageConnection, trigger.GetProperty("connection").GetString());
    }

    [Theory]
    [InlineData("AggregateResults", "%AggregateSchedule%")]
    [InlineData("ReevaluateNightly", "%NightlySchedule%")]
    public void Timers_take_their_schedule_from_a_setting_and_do_not_run_on_startup(string name, string schedule)
    {
        var trigger = Triggers[name];
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(schedule, trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
    }
}
