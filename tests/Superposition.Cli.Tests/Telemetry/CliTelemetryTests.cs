using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Superposition.Cli.Tests.Telemetry;

/// <summary>Telemetry listeners are process-wide: these tests run alone, so what a command prints is its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliTelemetryCollection
{
    public const string Name = "cli-telemetry";
}

/// <summary><c>--telemetry</c>: the scorer's spans and metrics on standard error, or to an OTLP endpoint; none by default.</summary>
[Collection(CliTelemetryCollection.Name)]
public sealed class CliTelemetryTests
{
    [Fact]
    public async Task Telemetry_console_writes_a_span_per_scored_item_and_the_metrics_to_standard_error_leaving_the_json_intact()
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "reference-calibrated", "--limit", "1", "--json", "--telemetry", "console");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var requests = json.RootElement.GetProperty("totals").GetProperty("requests").GetInt32();
        var spans = Lines(run.Error, "span score ");
        Assert.Equal(3, spans.Count);
        Assert.All(spans, s =>
        {
            Assert.Contains("superposition.model=reference-calibrated", s, StringComparison.Ordinal);
            Assert.Contains("superposition.outcome=scored", s, StringComparison.Ordinal);
            Assert.Matches("superposition.strategy=[a-z-]+", s);
            Assert.Matches("superposition.attempts=[1-9]", s);
        });
        Assert.Contains(Lines(run.Error, "metric superposition.prompts.scored "), l => l.Contains("superposition.outcome=scored", StringComparison.Ordinal) && l.EndsWith("} 3 {prompt}", StringComparison.Ordinal));
        Assert.Contains(Lines(run.Error, "metric superposition.tokens "), l => l.Contains("superposition.token_kind=prompt", StringComparison.Ordinal));
        Assert.True(requests >= 3);
    }

    [Fact]
    public async Task Run_names_the_experiment_on_each_items_span()
    {
        var folder = Directory.CreateTempSubdirectory("superposition-telemetry-").FullName;
        try
        {
            var spec = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(CliRun.Preset("note-countries.json")))!.AsObject();
            spec["name"] = "telemetry-run";
            spec["prompts"] = 2;
            spec["examples"] = 12;
            spec["distributions"] = new System.Text.Json.Nodes.JsonArray("D1");
            spec["models"] = new System.Text.Json.Nodes.JsonArray("reference-calibrated");
            var path = Path.Combine(folder, "spec.json");
            File.WriteAllText(path, spec.ToJsonString());

            var run = await CliRun.Of("run", path, "--out", Path.Combine(folder, "out"), "--telemetry", "console");

            Assert.Equal(0, run.ExitCode);
            var spans = Lines(run.Error, "span score ");
            Assert.Equal(2, spans.Count);
            Assert.All(spans, s => Assert.Contains("superposition.experiment=telemetry-run", s, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_the_option_nothing_is_printed_but_the_command_output()
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "reference-calibrated", "--limit", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("span ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("metric ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_telemetry_target_is_bad_input_naming_the_option()
    {
        var run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "reference-calibrated", "--limit", "1", "--telemetry", "zipkin");

        run.AssertBadInput("--telemetry: 'zipkin' is not a telemetry target; expected console or otlp");
    }

    [Fact]
    public async Task Telemetry_otlp_sends_spans_and_metrics_to_the_endpoint_the_standard_variables_name()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = new List<(string Path, byte[] Body)>();
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var saved = (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"), Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL"));
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{port}");
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        CliRun run;
        try
        {
            run = await CliRun.Of("score", CliRun.Preset("fig6-numbers.json"), "--model", "reference-calibrated", "--limit", "1", "--telemetry", "otlp");
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", saved.Item1);
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", saved.Item2);
            listener.Stop();
            await serving;
        }

        Assert.Equal(0, run.ExitCode);
        List<(string Path, byte[] Body)> posts;
        lock (received)
        {
            posts = [.. received];
        }

        // OTLP's protobuf keeps strings as UTF-8 bytes: names and attribute values can be found in the bodies.
        Assert.Contains(posts, p => p.Path == "/v1/traces" && Contains(p.Body, "superposition.outcome") && Contains(p.Body, "reference-calibrated"));
        Assert.Contains(posts, p => p.Path == "/v1/metrics" && Contains(p.Body, "superposition.prompts.scored"));
    }

    private static List<string> Lines(string text, string prefix) =>
        [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
