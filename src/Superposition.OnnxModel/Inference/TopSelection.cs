using Superposition.LanguageModels;

namespace Superposition.OnnxModel.Inference;

/// <summary>
/// The k most likely tokens of a logits row without sorting the row: one pass keeping a k-sized heap whose root is
/// the worst kept (lowest logit; among equal logits the higher id), then the heap sorted. Same order and ties as a
/// full sort (most likely first, equal logits by lower id); tokens of probability 0 (exp underflow) are left out
/// as the support leaves them out. Echo's top-1 at every position of a 50,257-token row sorted the row each time.
/// </summary>
internal static class TopSelection
{
    public static int Write(ReadOnlySpan<float> logits, double logNormaliser, Span<NextToken> destination)
    {
        var k = Math.Min(destination.Length, logits.Length);
        Span<int> heap = k <= 64 ? stackalloc int[k] : new int[k];
        var size = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            if (size < k)
            {
                heap[size] = i;
                SiftUp(heap, size++, logits);
            }
            else if (Better(i, heap[0], logits))
            {
                heap[0] = i;
                SiftDown(heap, 0, size, logits);
            }
        }

        // Pop the worst to the end: the heap's array ends up best first.
        for (var end = size - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(heap, 0, end, logits);
        }

        var count = 0;
        for (var r = 0; r < size; r++)
        {
            var p = Math.Exp(logits[heap[r]] - logNormaliser);
            if (p <= 0)
            {
                break;
            }

            destination[count++] = new NextToken(heap[r], p);
        }

        return count;
    }

    // Ranked before: a higher logit, or an equal one and a lower id.
    private static bool Better(int a, int b, ReadOnlySpan<float> logits) =>
        logits[a] > logits[b] || (logits[a] == logits[b] && a < b);

    private static void SiftUp(Span<int> heap, int i, ReadOnlySpan<float> logits)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(heap[parent], heap[i], logits))
            {
                break;
            }

            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown(Span<int> heap, int i, int size, ReadOnlySpan<float> logits)
    {
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            if (left < size && Better(heap[worst], heap[left], logits))
            {
                worst = left;
            }

            if (left + 1 < size && Better(heap[worst], heap[left + 1], logits))
            {
                worst = left + 1;
            }

            if (worst == i)
            {
                return;
            }

            (heap[worst], heap[i]) = (heap[i], heap[worst]);
            i = worst;
        }
    }
}
