using Microsoft.Extensions.Configuration;

namespace Superposition.Cli.Training;

/// <summary>
/// Where the trainer runs: the Python executable (setting <c>Superposition:Training:Python</c>, else the first of
/// <c>python3</c> on PATH and Debian's <c>/usr/bin/python3</c> that has PyTorch: a pyenv or venv python3 on PATH often
/// lacks the <c>python3-torch</c> that apt installs for the system one) and training/train_gpt.py (setting <c>Superposition:Training:Script</c>, else the copy beside the
/// executable, else the repository's, found from the executable's folder upwards).
/// </summary>
internal sealed record TrainerLocator(string Python, string Script)
{
    /// <summary>Debian's system Python, where <c>apt-get install python3-torch</c> puts PyTorch.</summary>
    public const string SystemPython = "/usr/bin/python3";

    public const string PythonSetting = "Superposition:Training:Python";
    public const string ScriptSetting = "Superposition:Training:Script";
    public const string InstallCommand = "apt-get install -y python3-torch";
    private const string ScriptPath = "training/train_gpt.py";

    /// <summary>
    /// The candidates to try in order, each with the script: the configured Python alone, else python3 on PATH and
    /// the system one. <see cref="TrainerUnavailableException"/> (one line) when none exists or the script is missing.
    /// </summary>
    public static IReadOnlyList<TrainerLocator> Candidates(IConfiguration configuration) =>
        Candidates(configuration, Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The candidates with <paramref name="path"/> as the PATH searched.</summary>
    internal static IReadOnlyList<TrainerLocator> Candidates(IConfiguration configuration, string? path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var script = FindScript(configuration[ScriptSetting]);
        return [.. FindPythons(configuration[PythonSetting], path).Select(python => new TrainerLocator(python, script))];
    }

    private static IReadOnlyList<string> FindPythons(string? setting, string? path)
    {
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return File.Exists(setting)
                ? [Path.GetFullPath(setting)]
                : throw new TrainerUnavailableException($"Python not found: {PythonSetting} is '{setting}', which does not exist; install Python 3 with PyTorch ({InstallCommand}) or point the setting at a python3 that has it");
        }

        var onPath = (path ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "python3"))
            .FirstOrDefault(File.Exists);
        List<string> found = [.. new[] { onPath, File.Exists(SystemPython) ? SystemPython : null }.OfType<string>().Distinct(StringComparer.Ordinal)];
        return found.Count > 0
            ? found
            : throw new TrainerUnavailableException($"Python not found: no python3 on PATH or at {SystemPython}, and {PythonSetting} is not set; install Python 3 with PyTorch: {InstallCommand}");
    }

    private static string FindScript(string? setting)
    {
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return File.Exists(setting)
                ? Path.GetFullPath(setting)
                : throw new TrainerUnavailableException($"{ScriptSetting} is '{setting}', which does not exist");
        }

        // The build copies the script beside the executable (dotnet run, a published CLI, the tests); a repository
        // checkout also has it above the build output.
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, ScriptPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new TrainerUnavailableException($"{ScriptPath} is neither beside the executable ({AppContext.BaseDirectory}) nor in a folder above it; set {ScriptSetting}");
    }
}
