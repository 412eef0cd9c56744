using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Superposition.Testing;

/// <summary>
/// The OpenTelemetry SDK with in-memory exporters over one source and meter name: the spans, the metric points and
/// (for a logging builder given <see cref="AddTo"/>) the log records a test produced, and every text any of them
/// carries, for scans. Listeners are process-wide, so tests using it run in a collection without parallelism.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly ConcurrentQueue<string> _logTexts = new();
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    public TelemetryCapture(string name)
    {
        _tracer = Sdk.CreateTracerProviderBuilder().AddSource(name).AddInMemoryExporter(_spans).Build()!;
        _meter = Sdk.CreateMeterProviderBuilder().AddMeter(name).AddInMemoryExporter(_metrics).Build()!;
    }

    /// <summary>Spans ended so far.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            _tracer.ForceFlush();
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>Sends the logs of <paramref name="logging"/> through OpenTelemetry (scopes included) into this capture.</summary>
    public void AddTo(ILoggingBuilder logging) =>
        logging.AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
            o.AddProcessor(new LogTexts(_logTexts));
        });

    /// <summary>The points of a metric as last collected: tags, and the sum (counters) or count (histograms).</summary>
    public IReadOnlyList<(IReadOnlyDictionary<string, object?> Tags, double Value)> Points(string metric)
    {
        _meter.ForceFlush();
        MetricSnapshot? last;
        lock (_metrics)
        {
            last = _metrics.LastOrDefault(m => m.Name == metric);
        }

        if (last is null)
        {
            return [];
        }

        var points = new List<(IReadOnlyDictionary<string, object?>, double)>();
        foreach (var point in last.MetricPoints)
        {
            var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            var value = last.MetricType switch
            {
                MetricType.LongSum => point.GetSumLong(),
                MetricType.DoubleSum => point.GetSumDouble(),
                MetricType.Histogram => point.GetHistogramCount(),
                _ => double.NaN,
            };
            points.Add((tags, value));
        }

        return points;
    }

    /// <summary>The sum over the points of <paramref name="metric"/> whose tags include every pair of <paramref name="tags"/>.</summary>
    public double Sum(string metric, params (string Key, object Value)[] tags) =>
        Points(metric).Where(p => tags.All(t => p.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value))).Sum(p => p.Value);

    /// <summary>Every text the telemetry carries: span names, attribute keys and values, statuses, events, metric tags, log attributes, scopes and messages.</summary>
    public IReadOnlyList<string> Texts()
    {
        var texts = new List<string>();
        foreach (var span in Spans)
        {
            texts.Add(span.DisplayName);
            texts.Add(span.StatusDescription ?? string.Empty);
            texts.AddRange(span.TagObjects.SelectMany(t => new[] { t.Key, Text(t.Value) }));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.SelectMany(t => new[] { e.Name, t.Key, Text(t.Value) })));
            texts.AddRange(span.Baggage.SelectMany(b => new[] { b.Key, b.Value ?? string.Empty }));
        }

        _meter.ForceFlush();
        List<MetricSnapshot> metrics;
        lock (_metrics)
        {
            metrics = [.. _metrics];
        }

        foreach (var metric in metrics)
        {
            texts.Add(metric.Name);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    texts.Add(tag.Key);
                    texts.Add(Text(tag.Value));
                }
            }
        }

        texts.AddRange(_logTexts);
        return texts;
    }

    public void Dispose()
    {
        _tracer.Dispose();
        _meter.Dispose();
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Flattens each log record as it ends (records are pooled and reused after export).</summary>
    private sealed class LogTexts(ConcurrentQueue<string> texts) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            texts.Enqueue(data.FormattedMessage ?? string.Empty);
            texts.Enqueue(data.Body ?? string.Empty);
            texts.Enqueue(data.Exception?.ToString() ?? string.Empty);
            foreach (var attribute in data.Attributes ?? [])
            {
                texts.Enqueue(attribute.Key + "=" + Text(attribute.Value));
            }

            data.ForEachScope(
                (scope, sink) =>
                {
                    foreach (var item in scope)
                    {
                        sink.Enqueue(item.Key + "=" + Text(item.Value));
                    }
                },
                texts);
        }
    }
}
