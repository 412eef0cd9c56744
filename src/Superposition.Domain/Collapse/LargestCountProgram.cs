namespace Superposition.Collapse;

/// <summary>
/// P(max_i x_i ≤ m) under Dirichlet-multinomial(T; a) by a dynamic programme over the tasks: given r answers
/// not yet assigned, task j's count is Beta-binomial(r, a_j, a_{j+1} + … + a_k) (the urn's stick-breaking
/// form), so the state is the remainder r and every value is a probability (no overflow). The conditional pmfs
/// for x ≤ T/2 are tabulated once by their ratio recurrence (in logs).
/// </summary>
internal sealed class LargestCountProgram
{
    private readonly int _turns;
    private readonly int _cap;
    private readonly int _tasks;

    // _table[j][r] holds P(x_j = x | r remaining) for x = 0..min(r, cap).
    private readonly double[][][] _table;

    public LargestCountProgram(double[] a, int turns)
    {
        _turns = turns;
        _cap = turns / 2;
        _tasks = a.Length;
        _table = new double[_tasks - 1][][];
        var rest = a.Sum();
        for (var j = 0; j < _tasks - 1; j++)
        {
            rest -= a[j];
            _table[j] = new double[turns + 1][];
            for (var r = 0; r <= turns; r++)
            {
                var top = Math.Min(r, _cap);
                var row = new double[top + 1];
                var terms = new BetaBinomial.Terms(r, a[j], rest);
                var log = terms.LogPmf(0);
                row[0] = Math.Exp(log);
                for (var x = 0; x < top; x++)
                {
                    // P(x+1)/P(x) = (r−x)/(x+1) · (a+x)/(b+r−x−1), accumulated in logs so that a P(0) below
                    // the smallest double does not zero the whole row.
                    log += Math.Log((r - x) * (a[j] + x) / ((x + 1) * (rest + r - x - 1)));
                    row[x + 1] = Math.Exp(log);
                }

                _table[j][r] = row;
            }
        }
    }

    /// <summary>P(every task has at most <paramref name="m"/> of the T answers), m ≤ T/2.</summary>
    public double ProbabilityAtMost(int m)
    {
        var current = new double[_turns + 1];
        var next = new double[_turns + 1];
        current[_turns] = 1;
        for (var j = 0; j < _tasks - 1; j++)
        {
            Array.Clear(next);
            for (var r = 0; r <= _turns; r++)
            {
                var p = current[r];
                if (p == 0)
                {
                    continue;
                }

                var row = _table[j][r];
                var top = Math.Min(m, row.Length - 1);
                for (var x = 0; x <= top; x++)
                {
                    next[r - x] += p * row[x];
                }
            }

            (current, next) = (next, current);
        }

        // The last task takes the remainder.
        var sum = 0.0;
        for (var r = 0; r <= Math.Min(m, _turns); r++)
        {
            sum += current[r];
        }

        return sum;
    }
}
