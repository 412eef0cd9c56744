namespace Superposition.Cli.Tests;

/// <summary>Runs the <c>superposition</c> command in-process and captures what it writes.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static string Preset(string name) => Path.Combine(AppContext.BaseDirectory, "experiments", name);

    public static Task<CliRun> Of(params string[] args) => In(Directory.GetCurrentDirectory(), args);

    /// <summary>Runs the command as if started in <paramref name="workingDirectory"/> (its appsettings.json), without changing the process's.</summary>
    public static async Task<CliRun> In(string workingDirectory, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, workingDirectory);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts bad input: exit code 2 and one line on standard error containing <paramref name="expected"/>.</summary>
    public void AssertBadInput(string expected)
    {
        Assert.Equal(CliApp.BadInput, ExitCode);
        var lines = Error.TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }
}
