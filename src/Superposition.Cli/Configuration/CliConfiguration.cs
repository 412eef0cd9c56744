using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Superposition.Cli.Configuration;

/// <summary>
/// The one configuration every command reads, later sources overriding earlier ones: <c>appsettings.json</c> in the
/// working directory (optional), user secrets (optional; <c>dotnet user-secrets --project src/Superposition.Cli</c>),
/// then environment variables without a prefix, with <c>__</c> for <c>:</c> (<c>Superposition__Models__qwen7b__Kind</c>,
/// as the Functions app's app settings, and the keys that models name through <c>ApiKeySetting</c>).
/// </summary>
internal static class CliConfiguration
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Builds the configuration with <paramref name="directory"/>'s appsettings.json (the working directory when the
    /// command runs; tests pass their own folder, so that they never change the process's current directory).
    /// </summary>
    public static IConfigurationRoot Build(string directory)
    {
        var file = Path.Combine(Path.GetFullPath(directory), FileName);
        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(file, optional: true, reloadOnChange: false)
                .AddUserSecrets(typeof(CliConfiguration).Assembly, optional: true, reloadOnChange: false)
                .AddEnvironmentVariables()
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException)
        {
            throw new CliInputException($"{file}: {e.Message}");
        }
    }
}
