using Microsoft.Extensions.Configuration;

namespace Superposition.Cli.Training;

/// <summary>
/// Where the trainer runs: the Python executable (setting <c>Superposition:Training:Python</c>, else <c>python3</c>
/// on PATH) and training/train_gpt.py (setting <c>Superposition:Training:Script</c>, else the copy beside the
/// executable, else the repository's, found from the executable's folder upwards).
/// </summary>
internal sealed record TrainerLocator(string Python, string Script)
{
    public const string PythonSetting = "Superposition:Training:Python";
    public const string ScriptSetting = "Superposition:Training:Script";
    public const string InstallCommand = "apt-get install -y python3-torch";
    private const string ScriptPath = "training/train_gpt.py";

    /// <summary>Resolves both; <see cref="TrainerUnavailableException"/> (one line) when either is missing.</summary>
    public static TrainerLocator Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new TrainerLocator(FindPython(configuration[PythonSetting]), FindScript(configuration[ScriptSetting]));
    }

    private static string FindPython(string? setting)
    {
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return File.Exists(setting)
                ? Path.GetFullPath(setting)
                : throw new TrainerUnavailableException($"Python not found: {PythonSetting} is '{setting}', which does not exist; install Python 3 with PyTorch ({InstallCommand}) or point the setting at a python3 that has it");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "python3"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new TrainerUnavailableException($"Python not found: no python3 on PATH and {PythonSetting} is not set; install Python 3 with PyTorch: {InstallCommand}");
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
