namespace Superposition.Scoring.Resilience;

/// <summary>
/// Counts the HTTP attempts of one logical call that got an answer (retries included), for the cost of a score.
/// Set by the endpoint around a call; the handlers below the retry strategy increment it through an AsyncLocal,
/// which flows into every attempt of that call and no other.
/// </summary>
internal sealed class AttemptCounter
{
    private static readonly AsyncLocal<AttemptCounter?> Ambient = new();

    private int _answered;
    private int _sent;

    public static AttemptCounter? Current => Ambient.Value;

    /// <summary>Attempts that got an HTTP answer.</summary>
    public int AnsweredCount => Volatile.Read(ref _answered);

    /// <summary>Attempts sent (answered, timed out or failed).</summary>
    public int SentCount => Volatile.Read(ref _sent);

    /// <summary>Starts counting for the current async flow; dispose to stop.</summary>
    public static Scope Begin(out AttemptCounter counter)
    {
        counter = new AttemptCounter();
        var previous = Ambient.Value;
        Ambient.Value = counter;
        return new Scope(previous);
    }

    public void Sent() => Interlocked.Increment(ref _sent);

    public void Answered() => Interlocked.Increment(ref _answered);

    public readonly struct Scope(AttemptCounter? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
