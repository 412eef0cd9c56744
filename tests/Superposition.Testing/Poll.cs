namespace Superposition.Testing;

/// <summary>
/// Bounded waits for something another thread or process does. The bound is a number of polls, not a time: a
/// short pause between polls lets the other side run, and nothing here measures or asserts elapsed time, so a
/// loaded machine makes a test slower, never wrong. Running out of polls fails with what was awaited.
/// </summary>
public static class Poll
{
    /// <summary>The default number of polls: generous (about a minute of pauses), so only a real hang runs out.</summary>
    public const int DefaultPolls = 5000;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(10);

    /// <summary>Returns once <paramref name="condition"/> holds; throws naming <paramref name="what"/> after <paramref name="polls"/> polls.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, int polls = DefaultPolls)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), what, polls);
    }

    /// <summary>Returns once <paramref name="condition"/> holds; throws naming <paramref name="what"/> after <paramref name="polls"/> polls.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int polls = DefaultPolls)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentOutOfRangeException.ThrowIfLessThan(polls, 1);
        for (var poll = 0; poll < polls; poll++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(Pause);
        }

        throw new TimeoutException($"Waited for {what}, but it had not happened after {polls} polls.");
    }

    /// <summary>
    /// Awaits <paramref name="task"/> with a bound, for a task that the test has already released (e.g. by
    /// advancing a fake clock) and that must now finish; a hang fails naming <paramref name="what"/> instead of
    /// stalling the run. The bound only caps a failure; nothing asserts how long the task took.
    /// </summary>
    public static async Task<T> FinishAsync<T>(Task<T> task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            return await task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Waited for {what}, but it had not finished within the bound.", e);
        }
    }
}
