using System.Globalization;

namespace Superposition.Benchmarks;

/// <summary>What every benchmark command shares: its options, the preset specs it loads, and medians.</summary>
internal static class BenchmarkArguments
{
    /// <summary>The value after <paramref name="name"/>, or null when the option is not given.</summary>
    public static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A positive whole number after <paramref name="name"/>, or <paramref name="fallback"/> when not given.</summary>
    /// <exception cref="ArgumentException">The value is not a positive whole number; the message names the option.</exception>
    public static int Option(string[] args, string name, int fallback) => Text(args, name) switch
    {
        null => fallback,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 => value,
        var text => throw new ArgumentException($"{name} must be a positive whole number, not '{text}'."),
    };

    /// <summary>A preset spec file, found in the nearest <c>experiments/</c> folder above the benchmark's binaries.</summary>
    public static string SpecPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "experiments", name + ".json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"experiments/{name}.json not found above {AppContext.BaseDirectory}");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
