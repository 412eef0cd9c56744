namespace Superposition.Reports.Tests.Browser;

/// <summary>
/// Finds the Chromium the browser tests drive: the path in <c>SUPERPOSITION_CHROMIUM</c>, else the first of
/// <see cref="Names"/> on <c>PATH</c> (scripts/test.sh checks the same before it runs the tests).
/// </summary>
public static class ChromiumExecutable
{
    public const string Setting = "SUPERPOSITION_CHROMIUM";

    /// <summary>Debian's, Ubuntu's and Google's names for the browser, in the order they are tried.</summary>
    public static readonly IReadOnlyList<string> Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The executable from this process's environment (a test that calls this carries the Chromium trait).</summary>
    public static string Find()
    {
        Needs.Require(Needs.Chromium);
        return Find(Environment.GetEnvironmentVariable(Setting), Environment.GetEnvironmentVariable("PATH"));
    }

    /// <summary>The executable from a configured path or, when none is configured, a PATH-style folder list.</summary>
    public static string Find(string? configured, string? path)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IsExecutable(configured)
                ? configured
                : throw new InvalidOperationException($"{Setting} is '{configured}', which is not an executable file.");
        }

        var folders = (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Names.SelectMany(name => folders.Select(folder => Path.Combine(folder, name))).FirstOrDefault(IsExecutable)
            ?? throw new InvalidOperationException(
                $"No Chromium found: set {Setting} to a Chromium or Chrome executable, or put one of {string.Join(", ", Names)} on PATH " +
                "(Debian: apt-get install chromium).");
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
