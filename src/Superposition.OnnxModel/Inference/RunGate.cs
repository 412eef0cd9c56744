using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// The bounded batch queue in front of a model's one session: at most <c>maxConcurrentRuns</c> forward passes run
/// at once (on few cores parallel runs only contend for them), at most <c>maxQueuedRuns</c> more wait, and a caller
/// beyond that is refused at once with a <see cref="ModelBusyException"/> rather than queued without bound.
/// Thread-safe.
/// </summary>
internal sealed class RunGate(string model, int maxConcurrentRuns, int maxQueuedRuns) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrentRuns, maxConcurrentRuns);
    private int _admitted;

    /// <summary>Callers inside the gate: running plus waiting.</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>Waits for a slot (or throws when the queue is full); dispose the result to free the slot.</summary>
    public Slot Enter()
    {
        if (Interlocked.Increment(ref _admitted) > maxConcurrentRuns + maxQueuedRuns)
        {
            Interlocked.Decrement(ref _admitted);
            throw new ModelBusyException(model, maxConcurrentRuns, maxQueuedRuns);
        }

        try
        {
            _slots.Wait();
        }
        catch
        {
            Interlocked.Decrement(ref _admitted);
            throw;
        }

        return new Slot(this);
    }

    public void Dispose() => _slots.Dispose();

    private void Leave()
    {
        _slots.Release();
        Interlocked.Decrement(ref _admitted);
    }

    /// <summary>A held slot; disposing it once lets the next caller run.</summary>
    internal sealed class Slot(RunGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Leave();
            }
        }
    }
}
