using System.Diagnostics;
using System.Reflection;

namespace Superposition.Infrastructure.Tests;

/// <summary>
/// The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64, Directory.Packages.props): the path restore
/// gave is compiled into this assembly, so the tests run the same binary as scripts/test.sh, offline.
/// </summary>
internal static class BicepCli
{
    public static string Path { get; } = Locate();

    /// <summary>Runs bicep with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; exit code and both streams.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        Needs.Require(Needs.Bicep);
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran for more than 2 minutes.");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        Assert.True(File.Exists(path), $"The Bicep CLI is not at {path}: restore tests/Superposition.Infrastructure.Tests (dotnet restore).");

        // NuGet extracts files without the executable bit on some systems; the binary is the package's own.
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) is var mode && !mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }

        return path;
    }
}
