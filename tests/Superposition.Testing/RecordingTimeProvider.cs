using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Superposition.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also records every wait started on it: the due time of each timer
/// created or re-armed (Task.Delay, CancellationTokenSource timeouts, and so Polly's retry delays and attempt
/// timeouts, all arm one). A test polls <see cref="Waits"/> to know that the code under test now waits on the
/// clock, and for how long it asked to wait, before it calls <see cref="FakeTimeProvider.Advance"/>: advancing
/// before the timer exists would release nothing.
/// </summary>
public sealed class RecordingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero))
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>Every finite due time asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new RecordingTimer(base.CreateTimer(callback, state, dueTime, period), this);
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Enqueue(dueTime);
        }
    }

    private sealed class RecordingTimer(ITimer inner, RecordingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Record(dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
