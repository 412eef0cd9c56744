using System.Text.Json;

namespace Superposition.Cli.Tests.Commands;

public sealed class UrnCommandTests
{
    [Fact]
    public async Task Urn_json_has_exact_and_simulated_statistics_that_agree_for_the_calibrated_urn()
    {
        var run = await CliRun.Of("urn", "--initial", "3,1", "--turns", "20", "--runs", "4000", "--seed", "5", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var exact = json.RootElement.GetProperty("exact");
        var simulated = json.RootElement.GetProperty("simulated");

        // A calibrated urn keeps the initial proportions on average: 3/4 and 1/4.
        Assert.Equal(0.75, exact.GetProperty("meanShares")[0].GetDouble(), 12);
        Assert.Equal(0.75, simulated.GetProperty("meanShares")[0].GetDouble(), 1);
        var c = exact.GetProperty("collapseIndex").GetDouble();
        var se = Math.Sqrt(c * (1 - c) / 4000);
        Assert.InRange(simulated.GetProperty("collapseIndex").GetDouble(), c - (5 * se), c + (5 * se));
        Assert.InRange(simulated.GetProperty("meanEntropy").GetDouble(), exact.GetProperty("meanEntropy").GetDouble() - 0.02, exact.GetProperty("meanEntropy").GetDouble() + 0.02);

        // Neither test rejects the calibrated urn's own runs; their dispersion is what the urn expects.
        var dispersion = json.RootElement.GetProperty("dispersion");
        Assert.InRange(dispersion.GetProperty("ratio").GetDouble(), 0.9, 1.1);
        Assert.True(dispersion.GetProperty("pValue").GetDouble() > 0.01, $"dispersion p = {dispersion.GetProperty("pValue").GetDouble()}");
        Assert.Equal(999, dispersion.GetProperty("simulations").GetInt32());
        Assert.True(json.RootElement.GetProperty("fit").GetProperty("pValue").GetDouble() > 0.01);
    }

    [Fact]
    public async Task Urn_with_beta_one_half_is_under_dispersed_and_rejected()
    {
        var run = await CliRun.Of("urn", "-a", "10,10", "-T", "100", "-R", "500", "-b", "0.5", "-M", "199", "--json");
        using var json = JsonDocument.Parse(run.Out);
        var dispersion = json.RootElement.GetProperty("dispersion");

        Assert.True(dispersion.GetProperty("ratio").GetDouble() < 0.67, $"ratio {dispersion.GetProperty("ratio").GetDouble()}");
        Assert.Equal(0.01, dispersion.GetProperty("pValue").GetDouble(), 1e-15);
        Assert.Equal(199, dispersion.GetProperty("simulations").GetInt32());
    }

    [Fact]
    public async Task Urn_with_many_runs_tests_dispersion_against_the_normal_reference()
    {
        var run = await CliRun.Of("urn", "-a", "3,3", "-T", "20", "-R", "10000", "--json");
        using var json = JsonDocument.Parse(run.Out);
        var dispersion = json.RootElement.GetProperty("dispersion");

        Assert.Equal("normal", dispersion.GetProperty("reference").GetString());
        Assert.Equal(0, dispersion.GetProperty("simulations").GetInt32());
        Assert.True(dispersion.GetProperty("pValue").GetDouble() > 0.01, $"dispersion p = {dispersion.GetProperty("pValue").GetDouble()}");
    }

    [Fact]
    public async Task Urn_table_names_the_normal_reference_when_it_is_used()
    {
        var run = await CliRun.Of("urn", "-a", "2,2", "-T", "10", "-R", "10000");

        Assert.Contains("from a normal reference with the urn's exact mean and variance (10000 runs ≥ 10000)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Urn_with_beta_three_collapses_far_more_often_than_the_calibrated_urn()
    {
        var run = await CliRun.Of("urn", "-a", "10,10", "-T", "100", "-R", "1000", "-b", "3", "--json");
        using var json = JsonDocument.Parse(run.Out);
        var exact = json.RootElement.GetProperty("exact").GetProperty("collapseIndex").GetDouble();
        var simulated = json.RootElement.GetProperty("simulated").GetProperty("collapseIndex").GetDouble();
        Assert.True(exact < 0.01, $"calibrated urn collapse index {exact}");
        Assert.True(simulated > 0.3, $"β = 3 collapse index {simulated}");
        Assert.True(json.RootElement.GetProperty("fit").GetProperty("pValue").GetDouble() < 1e-6);
    }

    [Fact]
    public async Task Urn_table_names_both_columns()
    {
        var run = await CliRun.Of("urn", "-a", "2,2", "-T", "10", "-R", "100");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("exact: calibrated urn", run.Out, StringComparison.Ordinal);
        Assert.Contains("simulated: β = 1", run.Out, StringComparison.Ordinal);
        Assert.Contains("Dispersion against the calibrated urn: ratio ", run.Out, StringComparison.Ordinal);
        Assert.Contains("from 999 simulated data sets", run.Out, StringComparison.Ordinal);
        Assert.Contains("a dispersion ratio above 1 is collapse-like (β > 1), below 1 flattened (β < 1)", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "urn", "-a", "10", "-T", "10", "-R", "10" }, "--initial")]
    [InlineData(new[] { "urn", "-a", "10,0", "-T", "10", "-R", "10" }, "--initial")]
    [InlineData(new[] { "urn", "-a", "10,10", "-T", "0", "-R", "10" }, "--turns")]
    [InlineData(new[] { "urn", "-a", "10,10", "-T", "10", "-R", "-1" }, "--runs")]
    [InlineData(new[] { "urn", "-a", "10,10", "-T", "10", "-R", "10", "-b", "99" }, "--beta")]
    [InlineData(new[] { "urn", "-a", "10,10", "-T", "ten", "-R", "10" }, "ten")]
    [InlineData(new[] { "urn", "-a", "10,10", "-T", "10", "-R", "10", "--simulations", "0" }, "--simulations")]
    public async Task Bad_urn_arguments_are_bad_input_naming_the_option(string[] args, string expected) =>
        (await CliRun.Of(args)).AssertBadInput(expected);
}
