namespace Superposition.Collapse;

/// <summary>
/// Exact mean and variance of one run's dispersion term d = (A + 1)/(A + T) · Σ_i (x_i − c_i)² / c_i, c_i = T·a_i/A,
/// when x is Dirichlet-multinomial(T; a) (the calibrated urn). Closed form from the Dirichlet-multinomial's factorial
/// moments, E[Π_i x_i^(s_i falling)] = T^(Σs falling) · Π_i a_i^(s_i rising) / A^(Σs rising), turned into raw moments
/// with Stirling numbers of the second kind and into central ones by the binomial expansion: O(k²) work for any T,
/// where enumerating the C(T + k − 1, k − 1) count vectors would not be. The expansion cancels about
/// (T·max p)⁴ / Var(x)² in relative size, which leaves at least 8 significant digits up to T = 10⁴ with A ≤ 10³.
/// </summary>
internal static class DispersionMoments
{
    // S(n, s) for n ≤ 4: x^n = Σ_s S(n, s) · x^(s falling).
    private static readonly double[][] Stirling =
    [
        [1],
        [0, 1],
        [0, 1, 1],
        [0, 1, 3, 1],
        [0, 1, 7, 6, 1],
    ];

    public static (double Mean, double Variance) Of(IReadOnlyList<double> a, int turns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(turns);
        var k = a.Count;
        var total = a.Sum();
        var c = a.Select(ai => turns * ai / total).ToArray();
        var q = 0.0;
        var q2 = 0.0;
        for (var i = 0; i < k; i++)
        {
            q += Central(a, total, turns, c, i, 2, i, 0) / c[i];
            for (var j = 0; j < k; j++)
            {
                q2 += (i == j ? Central(a, total, turns, c, i, 4, i, 0) : Central(a, total, turns, c, i, 2, j, 2)) / (c[i] * c[j]);
            }
        }

        var f = (total + 1) / (total + turns);
        return (f * q, f * f * Math.Max(0, q2 - (q * q)));
    }

    /// <summary>E[(x_i − c_i)^m (x_j − c_j)^n] for i ≠ j, or E[(x_i − c_i)^m] when n = 0.</summary>
    private static double Central(IReadOnlyList<double> a, double total, int turns, double[] c, int i, int m, int j, int n)
    {
        var sum = 0.0;
        for (var s = 0; s <= m; s++)
        {
            for (var t = 0; t <= n; t++)
            {
                sum += Binomial(m, s) * Binomial(n, t) * Math.Pow(-c[i], m - s) * Math.Pow(-c[j], n - t) * Raw(a, total, turns, i, s, j, t);
            }
        }

        return sum;
    }

    /// <summary>E[x_i^s x_j^t] (i ≠ j, or t = 0), from the factorial moments.</summary>
    private static double Raw(IReadOnlyList<double> a, double total, int turns, int i, int s, int j, int t)
    {
        var sum = 0.0;
        for (var u = 0; u <= s; u++)
        {
            for (var v = 0; v <= t; v++)
            {
                var weight = Stirling[s][u] * Stirling[t][v];
                if (weight != 0)
                {
                    sum += weight * Falling(turns, u + v) * Rising(a[i], u) * Rising(a[j], v) / Rising(total, u + v);
                }
            }
        }

        return sum;
    }

    private static double Falling(double x, int n)
    {
        var p = 1.0;
        for (var r = 0; r < n; r++)
        {
            p *= x - r;
        }

        return p;
    }

    private static double Rising(double x, int n)
    {
        var p = 1.0;
        for (var r = 0; r < n; r++)
        {
            p *= x + r;
        }

        return p;
    }

    private static double Binomial(int n, int r) => r switch
    {
        0 => 1,
        _ when r == n => 1,
        _ => Falling(n, r) / Falling(r, r),
    };
}
