using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Superposition.Cli.Tests.Commands;

public sealed class ServeReferenceCommandTests
{
    [Fact]
    public async Task Serve_reference_answers_over_http_until_cancelled_then_exits_zero()
    {
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var running = CliApp.RunAsync(["serve-reference", "--urls", $"http://127.0.0.1:{port}"], stdout, stderr, stop.Token);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        var models = await PollAsync(() => http.GetStringAsync(new Uri("v1/models", UriKind.Relative)), running);
        using var json = JsonDocument.Parse(models);
        Assert.Contains("reference-calibrated", json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));

        await stop.CancelAsync();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains($"127.0.0.1:{port}", stdout.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri("v1/models", UriKind.Relative)));
    }

    [Theory]
    [InlineData(new[] { "serve-reference", "--urls", "not-a-url" }, "not-a-url")]
    [InlineData(new[] { "serve-reference", "--error-rate", "1.5" }, "--error-rate")]
    [InlineData(new[] { "serve-reference", "--latency-ms", "-3" }, "--latency-ms")]
    public async Task Bad_server_options_are_bad_input(string[] args, string expected) =>
        (await CliRun.Of(args)).AssertBadInput(expected);

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task<string> PollAsync(Func<Task<string>> request, Task<int> running)
    {
        string? answer = null;
        await Poll.UntilAsync(
            async () =>
            {
                Assert.False(running.IsCompleted, "the server exited before it answered");
                try
                {
                    answer = await request();
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "the server to answer",
            polls: 1000);
        return answer!;
    }
}
