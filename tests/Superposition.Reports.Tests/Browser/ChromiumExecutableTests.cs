namespace Superposition.Reports.Tests.Browser;

public sealed class ChromiumExecutableTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("superposition-chromium-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_configured_executable_is_used_whatever_is_on_PATH()
    {
        var configured = Executable("my-browser");
        Executable("chromium");

        Assert.Equal(configured, ChromiumExecutable.Find(configured, _folder));
    }

    [Fact]
    public void A_configured_path_that_is_not_a_file_is_an_error_naming_the_setting_and_the_path()
    {
        var missing = Path.Combine(_folder, "absent");

        var error = Assert.Throws<InvalidOperationException>(() => ChromiumExecutable.Find(missing, _folder));

        Assert.Contains(ChromiumExecutable.Setting, error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_configuration_the_first_browser_name_found_on_PATH_is_used_and_plain_files_are_skipped()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;
        File.WriteAllText(Path.Combine(_folder, "chromium"), "not executable");
        var chrome = Executable("google-chrome");

        Assert.Equal(chrome, ChromiumExecutable.Find(null, string.Join(Path.PathSeparator, empty, _folder)));
    }

    [Fact]
    public void Without_configuration_or_a_browser_on_PATH_the_error_says_how_to_provide_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChromiumExecutable.Find("", _folder));

        Assert.Contains(ChromiumExecutable.Setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("chromium-browser", error.Message, StringComparison.Ordinal);
    }

    private string Executable(string name)
    {
        var file = Path.Combine(_folder, name);
        File.WriteAllText(file, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return file;
    }
}
