namespace Superposition.Statistics;

/// <summary>
/// β of one prompt-bootstrap replicate from <see cref="CalibrationMoments"/> and how often each prompt was
/// drawn: group moments are pooled with the parallel-axis rule (no cancellation), the within-group normal
/// equations are solved by a k × k Cholesky written out here because MathNet's throws on a singular matrix,
/// whereas a resample that cannot identify β is an expected outcome that the pivots reveal (same test as the
/// QR diagonal of the full fit).
/// </summary>
internal static class CalibrationReplicate
{
    // Looser than the QR test of the full fit (1e-9): a Cholesky pivot is a difference of squares, so a
    // rank-deficient column leaves about √ε ≈ 1e-8 of its norm; identifiable designs are near 0.1 or more.
    private const double RankTolerance = 1e-6;

    /// <summary>β, or null when this resample cannot identify it.</summary>
    public static double? Beta(IReadOnlyList<CalibrationMoments> segments, int[] draws, int k, int groupCount)
    {
        // Pass 1: each group's weighted size and mean.
        var size = new double[groupCount];
        var mean = new double[groupCount, k + 1];
        var rawSquares = new double[k];
        foreach (var s in segments)
        {
            var w = (double)draws[s.Prompt] * s.Count;
            if (w == 0)
            {
                continue;
            }

            size[s.Group] += w;
            for (var a = 0; a <= k; a++)
            {
                mean[s.Group, a] += w * s.Mean[a];
                if (a < k)
                {
                    rawSquares[a] += draws[s.Prompt] * s.RawSquares[a];
                }
            }
        }

        for (var g = 0; g < groupCount; g++)
        {
            for (var a = 0; a <= k && size[g] > 0; a++)
            {
                mean[g, a] /= size[g];
            }
        }

        // Pass 2: within-group cross-products, Σ m·(C_p + n_p·d·dᵀ) with d the segment mean minus the group mean.
        var c = new double[k + 1, k + 1];
        var d = new double[k + 1];
        foreach (var s in segments)
        {
            var m = draws[s.Prompt];
            if (m == 0)
            {
                continue;
            }

            for (var a = 0; a <= k; a++)
            {
                d[a] = s.Mean[a] - mean[s.Group, a];
            }

            for (var a = 0; a <= k; a++)
            {
                for (var b = 0; b <= k; b++)
                {
                    c[a, b] += m * (s.Centred[a, b] + (s.Count * d[a] * d[b]));
                }
            }
        }

        return Solve(c, rawSquares, k);
    }

    // Cholesky of the k × k block of regressors, then forward and back substitution against the response column.
    private static double? Solve(double[,] c, double[] rawSquares, int k)
    {
        var l = new double[k, k];
        for (var j = 0; j < k; j++)
        {
            var pivot = c[j, j];
            for (var p = 0; p < j; p++)
            {
                pivot -= l[j, p] * l[j, p];
            }

            // L[j, j] equals |R[j, j]| of the QR of the centred design: the same rank test as the full fit.
            if (!(pivot > 0) || Math.Sqrt(pivot) <= RankTolerance * Math.Max(1, Math.Sqrt(rawSquares[j])))
            {
                return null;
            }

            l[j, j] = Math.Sqrt(pivot);
            for (var i = j + 1; i < k; i++)
            {
                var sum = c[i, j];
                for (var p = 0; p < j; p++)
                {
                    sum -= l[i, p] * l[j, p];
                }

                l[i, j] = sum / l[j, j];
            }
        }

        var y = new double[k];
        for (var i = 0; i < k; i++)
        {
            var sum = c[i, k];
            for (var p = 0; p < i; p++)
            {
                sum -= l[i, p] * y[p];
            }

            y[i] = sum / l[i, i];
        }

        // β is the last unknown, so back substitution stops after its first step.
        return y[k - 1] / l[k - 1, k - 1];
    }
}
