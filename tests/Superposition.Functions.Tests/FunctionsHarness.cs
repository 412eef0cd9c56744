using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Superposition.Functions.Hosting;
using Superposition.Functions.Http;
using Superposition.Functions.Queues;
using Superposition.Storage.Experiments;

namespace Superposition.Functions.Tests;

/// <summary>
/// The app's services, built by the app's own <see cref="FunctionsServiceCollectionExtensions.AddSuperpositionFunctions"/>
/// against Azurite with a container and queues of this test's own, and the function classes created from them.
/// The functions are called directly, because the Functions host cannot run here (docs/functions.md); queues are drained into their handlers here.
/// </summary>
internal sealed class FunctionsHarness : IAsyncDisposable
{
    private FunctionsHarness(AzuriteFixture azurite, IDictionary<string, string?>? settings, string? name)
    {
        Name = name ?? azurite.UniqueName("fn");
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Settings.StorageConnection] = azurite.ConnectionString,
            ["Superposition:Storage:Container"] = Name,
            [Settings.PlanQueue] = Name + "-plan",
            [Settings.WorkQueue] = Name + "-work",
            ["Superposition:Storage:PlanBatchSize"] = "5",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Configuration);
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSuperpositionFunctions(Configuration);
        Services = services.BuildServiceProvider();
    }

    public string Name { get; }

    public IConfiguration Configuration { get; }

    public ServiceProvider Services { get; }

    public CapturedLogs Logs { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public ExperimentStore Store => Services.GetRequiredService<ExperimentStore>();

    public BlobContainerClient Container => Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(Name);

    public QueueClient PlanQueue => Services.GetRequiredService<QueueServiceClient>().GetQueueClient(Name + "-plan");

    public QueueClient WorkQueue => Services.GetRequiredService<QueueServiceClient>().GetQueueClient(Name + "-work");

    /// <summary>The work queue's poison queue, where the host moves a message it gave up on.</summary>
    public QueueClient WorkPoisonQueue => Services.GetRequiredService<QueueServiceClient>().GetQueueClient(Name + "-work-poison");

    /// <summary>The plan queue's poison queue.</summary>
    public QueueClient PlanPoisonQueue => Services.GetRequiredService<QueueServiceClient>().GetQueueClient(Name + "-plan-poison");

    /// <summary>
    /// The app with <paramref name="settings"/> over the harness's own; <paramref name="name"/> (another harness's
    /// <see cref="Name"/>) shares that harness's container and queues, as a restarted app with changed settings would.
    /// </summary>
    public static FunctionsHarness Create(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, string? name = null) => new(azurite, settings, name);

    public T Function<T>()
        where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    public static HttpRequest Request(string method, string path, string? body = null, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("superposition.example");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        return context.Request;
    }

    /// <summary>POSTs a spec; returns the function's result.</summary>
    public Task<IActionResult> PostAsync(string spec, string query = "") =>
        Function<StartExperiment>().RunAsync(Request("POST", "/api/experiments", spec, query), default);

    /// <summary>POSTs a spec that must be accepted; returns the experiment id.</summary>
    public async Task<string> StartAsync(string spec, string query = "")
    {
        var accepted = Assert.IsType<AcceptedResult>(await PostAsync(spec, query));
        return Assert.IsType<StartExperiment.StartedExperiment>(accepted.Value).Id;
    }

    /// <summary>Hands every plan message to the planner function, deleting each one handled; returns how many.</summary>
    public async Task<int> DrainPlanAsync()
    {
        var planner = Function<PlanExperiment>();
        var handled = 0;
        for (var batch = 0; ; batch++)
        {
            var messages = (await PlanQueue.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return handled;
            }

            EnsureDrainEnds(batch, PlanQueue, handled);

            foreach (var message in messages)
            {
                MessagesSeen.Enqueue(message.MessageText);
                await planner.RunAsync(message, default);
                await PlanQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                handled++;
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="text"/> to <paramref name="queue"/> (base64, as the app sends) and receives it as the
    /// queue extension delivers it to a function: a <see cref="QueueMessage"/> with its id, decoded text and dequeue
    /// count 1. It stays invisible for five minutes, so no other receiver takes it meanwhile.
    /// </summary>
    public static async Task<QueueMessage> DeliverAsync(QueueClient queue, string text)
    {
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(text);
        return await ReceiveOneAsync(queue);
    }

    /// <summary>
    /// Delivers <paramref name="message"/> again, as the host does after a failed attempt: releases it (visible at
    /// once) and receives it anew, so Azure Storage raises its dequeue count.
    /// </summary>
    public static async Task<QueueMessage> RedeliverAsync(QueueClient queue, QueueMessage message)
    {
        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        return await ReceiveOneAsync(queue);
    }

    private static async Task<QueueMessage> ReceiveOneAsync(QueueClient queue)
    {
        // Bounded: a message just sent or released is visible at once; a few polls absorb the emulator's bookkeeping.
        for (var poll = 0; poll < 100; poll++)
        {
            if ((await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5))).Value is { } received)
            {
                return received;
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"No message arrived on queue {queue.Name} after 100 polls.");
    }

    /// <summary>Every queue message text the harness handed to a function.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> MessagesSeen { get; } = new();

    /// <summary>
    /// Hands every work item message to the worker function, <paramref name="parallelism"/> at a time, deleting each
    /// one handled; returns how many. A failing message fails the drain (tests of failures call the functions).
    /// </summary>
    public async Task<int> DrainWorkAsync(int parallelism = 8)
    {
        var worker = Function<ScoreWorkItem>();
        var handled = 0;
        for (var batch = 0; ; batch++)
        {
            var messages = (await WorkQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (messages.Length == 0)
            {
                return handled;
            }

            EnsureDrainEnds(batch, WorkQueue, handled);

            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (message, token) =>
            {
                MessagesSeen.Enqueue(message.MessageText);
                await worker.RunAsync(message, token);
                await WorkQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, token);
                Interlocked.Increment(ref handled);
            });
        }
    }

    /// <summary>Every work item message waiting, as received (and left invisible for the visibility timeout).</summary>
    public async Task<List<QueueMessage>> ReceiveWorkAsync()
    {
        var all = new List<QueueMessage>();
        for (var batch = 0; ; batch++)
        {
            var messages = (await WorkQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (messages.Length == 0)
            {
                return all;
            }

            EnsureDrainEnds(batch, WorkQueue, all.Count);

            all.AddRange(messages);
        }
    }

    /// <summary>
    /// Bounds a drain: the tests enqueue at most a few thousand messages, so a queue still giving batches after
    /// <see cref="MaxDrainBatches"/> means a handler keeps re-enqueueing work, which must fail, not loop forever.
    /// </summary>
    private static void EnsureDrainEnds(int batch, QueueClient queue, int handled)
    {
        if (batch >= MaxDrainBatches)
        {
            throw new InvalidOperationException($"Queue {queue.Name} still had messages after {MaxDrainBatches} batches ({handled} handled): does a handler re-enqueue its own work?");
        }
    }

    private const int MaxDrainBatches = 500;

    /// <summary>Every blob the app wrote, with its text.</summary>
    public async Task<List<(string Name, string Text)>> BlobsAsync()
    {
        var blobs = new List<(string, string)>();
        if (!(await Container.ExistsAsync()).Value)
        {
            return blobs;
        }

        await foreach (var blob in Container.GetBlobsAsync())
        {
            blobs.Add((blob.Name, (await Container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString()));
        }

        return blobs;
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
