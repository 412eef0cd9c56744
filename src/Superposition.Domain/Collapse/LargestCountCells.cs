namespace Superposition.Collapse;

/// <summary>
/// Chi-square cells for the runs with T task answers, with exact probabilities under Dirichlet-multinomial(T; a):
/// the largest count M = max_i x_i for M ≤ T/2 (one cell per value), and for M &gt; T/2 one cell per (task i,
/// x_i = m), which are disjoint because only one task can hold a majority. Ordered for pooling: M rising through
/// the no-majority values, then the task blocks alternating direction (task 0 rising, task 1 falling, ...), so
/// that pooled neighbours are similar events. For two tasks the cells are exactly the values x_0 = 0..T.
/// </summary>
internal sealed class LargestCountCells
{
    /// <summary>
    /// Above this T the no-majority values share one cell: the programme for P(M ≤ m) costs about k·T³/8
    /// multiply-adds (the whole test took 0.3 s at T = 1000 and k = 6 on one core).
    /// </summary>
    public const int MaxTurnsForDistribution = 1000;

    private readonly int _turns;
    private readonly int _half;
    private readonly int _lowest;
    private readonly int _middle;
    private readonly int _perTask;

    public LargestCountCells(double[] a, int turns)
    {
        _turns = turns;
        _half = turns / 2;
        _perTask = turns - _half;
        var k = a.Length;
        var detailed = turns <= MaxTurnsForDistribution;
        _lowest = detailed ? (turns + k - 1) / k : _half;
        _middle = Math.Max(1, _half - _lowest + 1);
        Probabilities = new double[_middle + (k * _perTask)];

        var total = a.Sum();
        var majority = 0.0;
        for (var i = 0; i < k; i++)
        {
            var marginal = new BetaBinomial.Terms(turns, a[i], total - a[i]);
            for (var m = _half + 1; m <= turns; m++)
            {
                var p = Math.Exp(marginal.LogPmf(m));
                Probabilities[Index(i, m)] = p;
                majority += p;
            }
        }

        if (detailed && _half >= _lowest)
        {
            var below = 0.0;
            var program = new LargestCountProgram(a, turns);
            for (var m = _lowest; m <= _half; m++)
            {
                var atMost = program.ProbabilityAtMost(m);
                Probabilities[m - _lowest] = Math.Max(0, atMost - below);
                below = atMost;
            }
        }
        else
        {
            Probabilities[0] = Math.Max(0, 1 - majority);
        }
    }

    public double[] Probabilities { get; }

    public int Count => Probabilities.Length;

    public int CellOf(IReadOnlyList<int> counts)
    {
        var max = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (2 * counts[i] > _turns)
            {
                return Index(i, counts[i]);
            }

            max = Math.Max(max, counts[i]);
        }

        return Math.Clamp(max - _lowest, 0, _middle - 1);
    }

    private int Index(int task, int m) =>
        _middle + (task * _perTask) + (task % 2 == 0 ? m - _half - 1 : _turns - m);
}
