using System.Text;
using Azure.Storage.Queues;
using Superposition.Storage.Layout;
using Superposition.Storage.Messages;

namespace Superposition.Storage.Tests.Messages;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class QueueMessagesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void Work_item_message_round_trips_with_its_version()
    {
        var message = WorkItemMessage.For(new WorkItem("e-1", "qwen2:7b", "D2", 7));
        var text = QueueMessages.Serialize(message);
        Assert.Contains("\"version\":1", text, StringComparison.Ordinal);
        Assert.Equal(message, QueueMessages.ReadWorkItem(text));
    }

    [Fact]
    public void Message_of_another_version_is_refused_naming_the_versions()
    {
        var e = Assert.Throws<FormatException>(() => QueueMessages.ReadPlan("{\"version\":2,\"experiment\":\"e\"}"));
        Assert.Contains("version 2", e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => QueueMessages.ReadWorkItem("{\"version\":1,\"experiment\":\"e\",\"model\":\"m\",\"distribution\":\"D1\",\"prompt\":-1}"));
        Assert.Throws<FormatException>(() => QueueMessages.ReadWorkItem("not json"));
    }

    [Fact]
    public async Task Messages_go_on_the_wire_as_base64_json_as_the_host_expects()
    {
        var name = azurite.UniqueName("wire");
        var queues = ExperimentQueues.Create(azurite.ConnectionString, name + "-plan", name + "-work");
        await queues.SendAsync(PlanMessage.For("fig6-20250101-000000-abcdef"), default);

        // Read without decoding: what the host receives.
        var raw = new QueueClient(azurite.ConnectionString, name + "-plan");
        var received = (await raw.ReceiveMessageAsync()).Value;
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(received.Body.ToString()));
        Assert.Equal(PlanMessage.For("fig6-20250101-000000-abcdef"), QueueMessages.ReadPlan(decoded));
    }
}
