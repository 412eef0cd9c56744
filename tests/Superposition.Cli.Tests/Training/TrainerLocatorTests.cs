using Microsoft.Extensions.Configuration;
using Superposition.Cli.Training;

namespace Superposition.Cli.Tests.Training;

public sealed class TrainerLocatorTests
{
    private static IConfiguration Settings(string? python = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TrainerLocator.PythonSetting] = python }).Build();

    [Fact]
    public void Without_a_setting_python3_on_path_comes_first_and_the_system_python_with_apts_torch_second()
    {
        var folder = Directory.CreateTempSubdirectory("path-").FullName;
        var onPath = Path.Combine(folder, "python3");
        File.WriteAllText(onPath, string.Empty);

        var candidates = TrainerLocator.Candidates(Settings(), string.Join(Path.PathSeparator, "/no/such/dir", folder));

        Assert.Equal([onPath, TrainerLocator.SystemPython], candidates.Select(c => c.Python));
        Assert.All(candidates, c => Assert.EndsWith(Path.Combine("training", "train_gpt.py"), c.Script, StringComparison.Ordinal));
    }

    [Fact]
    public void A_configured_python_is_the_only_candidate()
    {
        var candidates = TrainerLocator.Candidates(Settings(TrainerLocator.SystemPython), "/no/such/dir");

        Assert.Equal([TrainerLocator.SystemPython], candidates.Select(c => c.Python));
    }
}
