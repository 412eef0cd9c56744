using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Superposition.Functions.Tests;

/// <summary>A logger provider that keeps every line written (message, structured values and exception), for tests that read the logs.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Every event with its level, id (number and name) and structured values, for tests of what an alert rule keys on.</summary>
    public IReadOnlyCollection<LogEvent> Events => _events;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines, _events);

    public void Dispose()
    {
    }

    /// <summary>One event as logged.</summary>
    public sealed record LogEvent(LogLevel Level, EventId EventId, string Category, string Message, IReadOnlyDictionary<string, object?> Values);

    private sealed class Logger(string category, ConcurrentQueue<string> lines, ConcurrentQueue<LogEvent> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var pairs = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            var values = string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"));
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
            events.Enqueue(new LogEvent(logLevel, eventId, category, formatter(state, exception), pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)));
        }
    }
}
