namespace Superposition.Collapse;

/// <summary>Pearson chi-square over an ordered list of cells, pooling neighbours so every cell expects ≥ 5.</summary>
internal static class ChiSquarePooling
{
    public const double MinimumExpected = 5;

    /// <summary>
    /// Walks the cells in order, closing a pooled cell once its expected count n·Σp reaches
    /// <see cref="MinimumExpected"/>; a short remainder joins the last pooled cell. The pooling depends only on
    /// the expected counts, never on the observations, so the chi-square reference distribution still holds.
    /// </summary>
    public static (double Statistic, int Cells) Compute(ReadOnlySpan<double> observed, ReadOnlySpan<double> probabilities, int n)
    {
        var statistic = 0.0;
        var cells = 0;
        double lastObserved = 0, lastExpected = 0;
        double runObserved = 0, runExpected = 0;
        for (var j = 0; j < probabilities.Length; j++)
        {
            runObserved += observed[j];
            runExpected += n * probabilities[j];
            if (runExpected >= MinimumExpected)
            {
                if (cells > 0)
                {
                    statistic += Term(lastObserved, lastExpected);
                }

                (lastObserved, lastExpected) = (runObserved, runExpected);
                (runObserved, runExpected) = (0, 0);
                cells++;
            }
        }

        if (cells == 0)
        {
            return (0, 1);
        }

        statistic += Term(lastObserved + runObserved, lastExpected + runExpected);
        return (statistic, cells);
    }

    private static double Term(double observed, double expected) =>
        (observed - expected) * (observed - expected) / expected;
}
