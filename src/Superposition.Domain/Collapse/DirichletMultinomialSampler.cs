namespace Superposition.Collapse;

/// <summary>
/// Draws a run's final task counts from the calibrated urn without replaying its turns: the counts after T answers
/// are Dirichlet-multinomial(T; a) exactly (<see cref="DirichletMultinomial"/>), and that law factors into k − 1
/// Beta-binomials, x_1 ~ BB(T; a_1, A − a_1), then x_i given the n answers left ~ BB(n; a_i, a_(i+1) + … + a_k), the
/// last task taking the rest. Each is drawn by inverting its exact cumulative distribution with one uniform, so a run
/// costs at most k − 1 uniforms and binary searches instead of T weighted draws. Cumulative tables are built on
/// first use for each (task, n) and kept; when a run length would need more than <see cref="MaxTableEntries"/>
/// entries the sampler replays the urn turn by turn (<see cref="UrnSampler"/>), which has the same law.
/// Reusable across runs; not thread-safe.
/// </summary>
public sealed class DirichletMultinomialSampler
{
    /// <summary>Most cumulative-table entries kept (8 bytes each): 4 Mi entries, 32 MiB.</summary>
    public const long MaxTableEntries = 1L << 22;

    private readonly double[] _initial;
    private readonly double[] _rest;
    private readonly Dictionary<int, double[]>[] _tables;
    private readonly UrnSampler _replay;
    private readonly HashSet<int> _admitted = [];
    private long _reserved;

    /// <summary>A sampler for the calibrated urn started at <paramref name="initial"/> (positive, at least two tasks).</summary>
    public DirichletMultinomialSampler(IReadOnlyList<double> initial)
    {
        _initial = CollapseArguments.InitialCounts(initial, nameof(initial), minimumTasks: 2);
        var k = _initial.Length;

        // _rest[i] = a_(i+1) + … + a_k, summed from the end so that each is the same sum the urn's weights hold.
        _rest = new double[k];
        for (var i = k - 2; i >= 0; i--)
        {
            _rest[i] = _rest[i + 1] + _initial[i + 1];
        }

        _tables = [.. Enumerable.Range(0, k - 1).Select(_ => new Dictionary<int, double[]>())];
        _replay = new UrnSampler(UrnModel.Linear(_initial));
    }

    public int Tasks => _initial.Length;

    /// <summary>
    /// Writes the counts of one run of <paramref name="turns"/> calibrated answers into <paramref name="counts"/>
    /// (length k, overwritten).
    /// </summary>
    public void Sample(Random random, int turns, Span<int> counts)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(turns);
        var k = _initial.Length;
        if (counts.Length != k)
        {
            throw new ArgumentException($"Got room for {counts.Length} counts for {k} tasks.", nameof(counts));
        }

        if (!Tabulable(turns))
        {
            _replay.Run(random, turns, counts);
            return;
        }

        counts.Clear();
        var left = turns;
        for (var i = 0; i < k - 1 && left > 0; i++)
        {
            var cdf = Table(i, left);
            var u = random.NextDouble();
            var x = cdf.AsSpan().BinarySearch(u);
            if (x < 0)
            {
                x = ~x; // u absent: the complement of the first entry above u, the x whose interval holds u
            }
            else
            {
                // u equals an entry: the answer is the first entry above it, past any equal neighbours.
                while (x < left && cdf[x] <= u)
                {
                    x++;
                }
            }

            counts[i] = x;
            left -= x;
        }

        counts[k - 1] += left;
    }

    /// <summary>
    /// Whether runs of <paramref name="turns"/> answers are drawn from tables: decided once per run length, by
    /// reserving room for the most they can need (T + 1 entries for the first task, and up to one table per n ≤ T
    /// for each later task but the last), so that a run length never switches method part way through a test.
    /// </summary>
    private bool Tabulable(int turns)
    {
        if (_admitted.Contains(turns))
        {
            return true;
        }

        var n = turns + 1L;
        var worst = n + ((_initial.Length - 2) * n * (n + 1) / 2);
        if (_reserved + worst > MaxTableEntries)
        {
            return false;
        }

        _reserved += worst;
        _admitted.Add(turns);
        return true;
    }

    private double[] Table(int task, int n)
    {
        if (_tables[task].TryGetValue(n, out var cdf))
        {
            return cdf;
        }

        // Exact terms from special functions (no recurrence), accumulated and normalised by their own sum so that
        // the last entry is 1 up to rounding.
        var terms = new BetaBinomial.Terms(n, _initial[task], _rest[task]);
        cdf = new double[n + 1];
        var sum = 0.0;
        for (var x = 0; x <= n; x++)
        {
            sum += Math.Exp(terms.LogPmf(x));
            cdf[x] = sum;
        }

        for (var x = 0; x <= n; x++)
        {
            cdf[x] /= sum;
        }

        _tables[task][n] = cdf;
        return cdf;
    }
}
