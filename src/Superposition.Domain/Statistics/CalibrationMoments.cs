namespace Superposition.Statistics;

/// <summary>
/// Centred moments of the rows one prompt contributes to one intercept group: count, column means and the
/// centred cross-product matrix of the k + 1 columns of <see cref="CalibrationRow.Fill"/>, plus the raw sums of
/// squares used for the rank test. Prompt bootstrap replicates combine these with multiplicities instead of
/// refitting rows, so a replicate costs O(prompts·k²).
/// </summary>
internal sealed class CalibrationMoments
{
    private CalibrationMoments(int prompt, int group, int count, double[] mean, double[,] centred, double[] rawSquares)
    {
        Prompt = prompt;
        Group = group;
        Count = count;
        Mean = mean;
        Centred = centred;
        RawSquares = rawSquares;
    }

    public int Prompt { get; }

    public int Group { get; }

    public int Count { get; }

    public double[] Mean { get; }

    /// <summary>Σ (z − mean)(z − mean)ᵀ over the rows, (k + 1) × (k + 1).</summary>
    public double[,] Centred { get; }

    public double[] RawSquares { get; }

    /// <summary>Moments per (prompt, group) pair; <paramref name="promptOfRow"/> gives each row's prompt.</summary>
    public static List<CalibrationMoments> Of(IReadOnlyList<CalibrationRow> rows, IReadOnlyList<int> promptOfRow, int k)
    {
        var segments = new List<CalibrationMoments>();
        var byKey = rows
            .Select((row, index) => (row, prompt: promptOfRow[index]))
            .GroupBy(x => (x.prompt, x.row.Group));
        var z = new double[k + 1];
        foreach (var segment in byKey)
        {
            var members = segment.Select(x => x.row).ToArray();
            var mean = new double[k + 1];
            var rawSquares = new double[k];
            foreach (var row in members)
            {
                row.Fill(z, k);
                for (var a = 0; a <= k; a++)
                {
                    mean[a] += z[a] / members.Length;
                }
            }

            var centred = new double[k + 1, k + 1];
            foreach (var row in members)
            {
                row.Fill(z, k);
                for (var a = 0; a <= k; a++)
                {
                    if (a < k)
                    {
                        rawSquares[a] += z[a] * z[a];
                    }

                    for (var b = 0; b <= k; b++)
                    {
                        centred[a, b] += (z[a] - mean[a]) * (z[b] - mean[b]);
                    }
                }
            }

            segments.Add(new CalibrationMoments(segment.Key.prompt, segment.Key.Group, members.Length, mean, centred, rawSquares));
        }

        return segments;
    }
}
