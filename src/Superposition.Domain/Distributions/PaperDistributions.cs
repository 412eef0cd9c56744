namespace Superposition.Distributions;

/// <summary>
/// The paper's three mixtures (Fig. 6), defined for any number of tasks k:
/// D1 uniform; D2 one half on the third task (the last when k &lt; 3) and the rest shared equally;
/// D3 alternating weights in the ratio 3:1 starting with the heavy one (0.25 / 0.0833 for k = 6).
/// </summary>
public static class PaperDistributions
{
    public static IReadOnlyList<string> Names { get; } = ["D1", "D2", "D3"];

    public static bool IsPaperName(string name) => Names.Contains(name, StringComparer.Ordinal);

    public static Distribution Get(string name, int taskCount) => name switch
    {
        "D1" => Uniform(taskCount),
        "D2" => HalfOnThird(taskCount),
        "D3" => Alternating(taskCount),
        _ => throw new DistributionException($"Unknown distribution name '{name}'. Named distributions are {string.Join(", ", Names)}; give any other as a vector.", nameof(name)),
    };

    public static Distribution Uniform(int k) => Distribution.Create("D1", Enumerable.Repeat(1.0 / Positive(k), k).ToArray());

    public static Distribution HalfOnThird(int k)
    {
        Positive(k);
        if (k == 1)
        {
            return Distribution.Create("D2", [1.0]);
        }

        var heavy = Math.Min(2, k - 1);
        var weights = Enumerable.Repeat(0.5 / (k - 1), k).ToArray();
        weights[heavy] = 0.5;
        return Distribution.Create("D2", weights);
    }

    public static Distribution Alternating(int k)
    {
        var raw = Enumerable.Range(0, Positive(k)).Select(i => i % 2 == 0 ? 3.0 : 1.0).ToArray();
        var total = raw.Sum();
        return Distribution.Create("D3", raw.Select(w => w / total).ToArray());
    }

    private static int Positive(int k) =>
        k > 0 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "A distribution needs at least one task.");
}
