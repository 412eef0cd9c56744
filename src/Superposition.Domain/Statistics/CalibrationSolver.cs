using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Superposition.Statistics;

/// <summary>
/// Least squares for log P = β·log D + b_task + c_group with Σb = 0, by the within-group transformation
/// (Frisch–Waugh–Lovell): subtracting each group's means from log P, log D and the task columns removes the
/// intercepts exactly, so the QR solve has k columns however many groups (prompts) there are. β, the biases and
/// the residuals equal those of the regression with one dummy column per group.
/// </summary>
internal static class CalibrationSolver
{
    // A column whose QR diagonal is below this share of its raw norm lies in the span of the columns before it.
    private const double RankTolerance = 1e-9;

    public static CalibrationFit Solve(IReadOnlyList<CalibrationRow> rows, CalibrationRows source, int taskCount, CalibrationIntercept mode, double confidence)
    {
        var n = rows.Count;
        var k = taskCount;
        var groupCount = source.GroupNames.Count;
        var sizes = new int[groupCount];
        var means = new double[groupCount, k + 1]; // k − 1 task contrasts, log D, log P
        var taskSeen = new bool[k];
        var z = new double[k + 1];
        foreach (var row in rows)
        {
            sizes[row.Group]++;
            taskSeen[row.Task] = true;
            row.Fill(z, k);
            for (var j = 0; j <= k; j++)
            {
                means[row.Group, j] += z[j];
            }
        }

        var groups = 0;
        for (var g = 0; g < groupCount; g++)
        {
            if (sizes[g] > 0)
            {
                groups++;
                for (var j = 0; j <= k; j++)
                {
                    means[g, j] /= sizes[g];
                }
            }
        }

        CalibrationFit Unidentifiable(string reason) => new()
        {
            Identifiable = false,
            Reason = reason,
            Observations = n,
            DroppedZeroProbability = source.DroppedZeroProbability,
            DroppedZeroShare = source.DroppedZeroShare,
            Groups = groups,
            DegreesOfFreedom = n - k - groups,
            InterceptMode = mode,
        };

        var missing = Array.FindIndex(taskSeen, seen => !seen);
        if (missing >= 0)
        {
            return Unidentifiable($"Task {missing} has no observation with P > 0 and D > 0, so the task biases b (which sum to 0) cannot be estimated.");
        }

        if (n - groups < k)
        {
            return Unidentifiable($"{n} observations in {groups} groups leave {n - groups} within-group contrasts for {k} parameters (β and {k - 1} task biases).");
        }

        var w = Matrix<double>.Build.Dense(n, k);
        var y = Vector<double>.Build.Dense(n);
        var rawNorms = new double[k];
        for (var r = 0; r < n; r++)
        {
            rows[r].Fill(z, k);
            for (var j = 0; j < k; j++)
            {
                w[r, j] = z[j] - means[rows[r].Group, j];
                rawNorms[j] += z[j] * z[j];
            }

            y[r] = z[k] - means[rows[r].Group, k];
        }

        var qr = w.QR(QRMethod.Thin);
        for (var j = 0; j < k; j++)
        {
            if (Math.Abs(qr.R[j, j]) <= RankTolerance * Math.Max(1, Math.Sqrt(rawNorms[j])))
            {
                return Unidentifiable(j == k - 1 ? BetaReason(mode) : $"Task {j}'s bias cannot be separated from the intercepts and the other tasks: within groups the tasks do not vary enough (does each group hold a single task?).");
            }
        }

        var theta = qr.Solve(y);
        var residuals = y - (w * theta);
        var rss = residuals.DotProduct(residuals);
        var tss = y.DotProduct(y);
        var df = n - k - groups;
        var beta = theta[k - 1];

        // β is the last column, so its entry of (WᵀW)⁻¹ = R⁻¹R⁻ᵀ is 1 / R[k−1, k−1]².
        var se = df > 0 ? Math.Sqrt(rss / df) / Math.Abs(qr.R[k - 1, k - 1]) : double.PositiveInfinity;
        var t = df > 0 ? StudentT.InvCDF(0, 1, df, 1 - ((1 - confidence) / 2)) : double.PositiveInfinity;
        var half = se == 0 ? 0 : t * se;

        var biases = new double[k];
        for (var j = 0; j < k - 1; j++)
        {
            biases[j] = theta[j];
            biases[k - 1] -= theta[j];
        }

        var intercepts = new Dictionary<string, double>(StringComparer.Ordinal);
        var interceptSum = 0.0;
        for (var g = 0; g < groupCount; g++)
        {
            if (sizes[g] == 0)
            {
                continue;
            }

            var c = means[g, k];
            for (var j = 0; j < k; j++)
            {
                c -= theta[j] * means[g, j];
            }

            interceptSum += c;
            intercepts[source.GroupNames[g]] = c;
        }

        return new CalibrationFit
        {
            Identifiable = true,
            Beta = beta,
            StandardError = se,
            BetaInterval = new Interval(beta - half, beta + half, confidence),
            TaskBiases = biases,
            Intercept = interceptSum / groups,
            GroupIntercepts = mode == CalibrationIntercept.Global ? new Dictionary<string, double>() : intercepts,
            RSquared = tss > 0 ? 1 - (rss / tss) : 1,
            ResidualRms = Math.Sqrt(rss / n),
            Observations = n,
            DroppedZeroProbability = source.DroppedZeroProbability,
            DroppedZeroShare = source.DroppedZeroShare,
            Groups = groups,
            DegreesOfFreedom = df,
            InterceptMode = mode,
        };
    }

    internal static string BetaReason(CalibrationIntercept mode) =>
        "β is not identifiable: log D does not vary " + (mode == CalibrationIntercept.PerGroup ? "within groups " : string.Empty) +
        "beyond what the task biases already explain. With only the uniform mixture (D1) every log D_i is the same, and with " +
        "a single non-uniform mixture each task's share is confounded with its bias. Fit across mixtures in which the same " +
        "task has different shares (D1 with D2 and D3).";
}
