using System.Text.Json;
using Azure.Storage.Queues;
using Superposition.Storage.Documents;

namespace Superposition.Storage.Messages;

/// <summary>
/// Queue message text: the records' JSON in <see cref="StorageJson"/>. On the wire it is base64, like the host's
/// <c>extensions.queues.messageEncoding</c> in host.json: every client that enqueues uses <see cref="ClientOptions"/>,
/// and the host hands the decoded JSON to the functions. A message of another version is refused by name.
/// </summary>
public static class QueueMessages
{
    /// <summary>Client options for every queue the suite writes: base64 message encoding, as the host expects.</summary>
    public static QueueClientOptions ClientOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public static string Serialize(PlanMessage message) => JsonSerializer.Serialize(message, StorageJson.Options);

    public static string Serialize(WorkItemMessage message) => JsonSerializer.Serialize(message, StorageJson.Options);

    public static PlanMessage ReadPlan(string text)
    {
        var message = Read<PlanMessage>(text);
        Check(message.Version, PlanMessage.CurrentVersion, nameof(PlanMessage));
        RequireText(message.Experiment, "experiment");
        return message;
    }

    public static WorkItemMessage ReadWorkItem(string text)
    {
        var message = Read<WorkItemMessage>(text);
        Check(message.Version, WorkItemMessage.CurrentVersion, nameof(WorkItemMessage));
        RequireText(message.Experiment, "experiment");
        RequireText(message.Model, "model");
        RequireText(message.Distribution, "distribution");
        if (message.Prompt < 0)
        {
            throw new FormatException($"Work item message has prompt {message.Prompt}; prompts are numbered from 0.");
        }

        return message;
    }

    private static T Read<T>(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return JsonSerializer.Deserialize<T>(text, StorageJson.Options) ?? throw new FormatException($"A {typeof(T).Name} is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not a {typeof(T).Name}: {e.Message}", e);
        }
    }

    private static void Check(int version, int expected, string name)
    {
        if (version != expected)
        {
            throw new FormatException($"{name} version {version} is not readable by this build (it reads version {expected}).");
        }
    }

    private static void RequireText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FormatException($"Queue message has no {field}.");
        }
    }
}
