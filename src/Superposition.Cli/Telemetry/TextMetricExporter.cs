using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Superposition.Cli.Telemetry;

/// <summary>
/// Writes each metric point on one line: <c>metric NAME {key=value, ...} VALUE UNIT</c> (counters: the total;
/// histograms: count, sum and mean). Writes where it is told, as <see cref="TextSpanExporter"/>.
/// </summary>
internal sealed class TextMetricExporter(TextWriter writer) : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new List<string>();
                foreach (var tag in point.Tags)
                {
                    tags.Add(tag.Key + "=" + TextValues.Of(tag.Value));
                }

                var value = metric.MetricType switch
                {
                    MetricType.LongSum => point.GetSumLong().ToString(CultureInfo.InvariantCulture),
                    MetricType.DoubleSum => point.GetSumDouble().ToString("G6", CultureInfo.InvariantCulture),
                    MetricType.Histogram => string.Create(CultureInfo.InvariantCulture, $"count={point.GetHistogramCount()} sum={point.GetHistogramSum():G6} mean={(point.GetHistogramCount() > 0 ? point.GetHistogramSum() / point.GetHistogramCount() : 0):G6}"),
                    _ => metric.MetricType.ToString(),
                };
                lock (writer)
                {
                    writer.WriteLine($"metric {metric.Name} {{{string.Join(", ", tags)}}} {value}{(string.IsNullOrEmpty(metric.Unit) ? string.Empty : " " + metric.Unit)}");
                }
            }
        }

        return ExportResult.Success;
    }
}
