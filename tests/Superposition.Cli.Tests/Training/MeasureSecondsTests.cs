using Microsoft.Extensions.Configuration;
using Superposition.Cli.Training;

namespace Superposition.Cli.Tests.Training;

public sealed class MeasureSecondsTests
{
    private static IConfiguration Settings(string? seconds) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [MeasureSeconds.Setting] = seconds }).Build();

    [Theory]
    [InlineData(null, 15)]
    [InlineData("1", 1)]
    [InlineData("2.5", 2.5)]
    public void The_setting_gives_the_seconds_and_15_when_unset(string? setting, double seconds)
    {
        Assert.Equal(seconds, MeasureSeconds.From(Settings(setting)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("soon")]
    public void A_setting_that_is_not_a_positive_number_is_bad_input_naming_it(string setting)
    {
        var e = Assert.Throws<CliInputException>(() => MeasureSeconds.From(Settings(setting)));
        Assert.Contains("Superposition:Training:MeasureSeconds is '" + setting + "'", e.Message, StringComparison.Ordinal);
    }
}
