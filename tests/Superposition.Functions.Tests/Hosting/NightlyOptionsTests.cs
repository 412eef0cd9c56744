using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Superposition.Engine.Nightly;

namespace Superposition.Functions.Tests.Hosting;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class NightlyOptionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Without_nightly_settings_there_is_no_cap_and_alpha_is_one_percent()
    {
        await using var app = FunctionsHarness.Create(azurite);

        var options = app.Services.GetRequiredService<IOptions<NightlyOptions>>().Value;

        Assert.Equal((null, null, 0.01, false), (options.MaxTokens, options.MaxCost, options.DriftAlpha, options.IsCapped));
    }

    [Fact]
    public async Task Empty_cap_settings_mean_no_cap_as_the_sample_leaves_them()
    {
        await using var app = FunctionsHarness.Create(azurite, new Dictionary<string, string?> { ["Superposition:Nightly:MaxTokens"] = "", ["Superposition:Nightly:MaxCost"] = "" });

        Assert.False(app.Services.GetRequiredService<IOptions<NightlyOptions>>().Value.IsCapped);
    }

    [Theory]
    [InlineData("MaxTokens", "0", "Superposition__Nightly__MaxTokens")]
    [InlineData("MaxTokens", "-5", "Superposition__Nightly__MaxTokens")]
    [InlineData("MaxCost", "-0.5", "Superposition__Nightly__MaxCost")]
    [InlineData("DriftAlpha", "0", "Superposition__Nightly__DriftAlpha")]
    [InlineData("DriftAlpha", "0.7", "Superposition__Nightly__DriftAlpha")]
    public async Task A_bad_nightly_setting_fails_the_start_naming_the_app_setting(string key, string value, string setting)
    {
        await using var app = FunctionsHarness.Create(azurite, new Dictionary<string, string?> { ["Superposition:Nightly:" + key] = value });

        // What the host runs at start (ValidateOnStart), and what any first use of the options would throw.
        var atStart = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(setting, atStart.Message, StringComparison.Ordinal);
        Assert.Contains($" is {value};", atStart.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<NightlyOptions>>().Value);
    }
}
