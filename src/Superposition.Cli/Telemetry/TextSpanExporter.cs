using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;

namespace Superposition.Cli.Telemetry;

/// <summary>
/// Writes each span on one line: <c>span NAME DURATION ms key=value ... [status=Error: description]</c>. The SDK's
/// console exporter writes to the process's standard output with no choice of writer, which would mix telemetry
/// into a command's output (its <c>--json</c> above all); this one writes where it is told (the CLI's standard error).
/// </summary>
internal sealed class TextSpanExporter(TextWriter writer) : BaseExporter<Activity>
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            var tags = string.Join(' ', span.TagObjects.Select(t => t.Key + "=" + TextValues.Of(t.Value)));
            var status = span.Status == ActivityStatusCode.Error ? $" status=Error: {span.StatusDescription}" : string.Empty;
            lock (writer)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"span {span.DisplayName} {span.Duration.TotalMilliseconds:0.0} ms {tags}{status}"));
            }
        }

        return ExportResult.Success;
    }
}
