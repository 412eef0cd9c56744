using System.Diagnostics;
using System.Globalization;

namespace Superposition.Benchmarks;

/// <summary>
/// The harness's own peak memory over a benchmark: the process's peak resident set (the kernel's high-water mark)
/// and the largest managed heap sampled every 100 ms, so that a run at GPT-2-small size shows what it needs.
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Timer _timer;
    private long _heap;

    public PeakMemory() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public string Report()
    {
        Sample();
        using var process = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture, $"harness peak: resident set {process.PeakWorkingSet64 / (1024.0 * 1024):0} MiB, managed heap {Interlocked.Read(ref _heap) / (1024.0 * 1024):0} MiB (sampled every 100 ms), {GC.CollectionCount(2)} full collections");
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (heap > (seen = Interlocked.Read(ref _heap)) && Interlocked.CompareExchange(ref _heap, heap, seen) != seen)
        {
        }
    }
}
