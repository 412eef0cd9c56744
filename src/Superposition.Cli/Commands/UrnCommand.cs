using System.CommandLine;
using Spectre.Console;
using Superposition.Collapse;
using Superposition.Statistics;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition urn --initial a1,a2,.. --turns T --runs R [--beta b] [--seed s] [--simulations M] [--json]</c>:
/// the calibrated Pólya urn's exact multi-turn statistics beside a simulation of the urn with exponent β, and two
/// tests of the simulated runs against the calibrated urn (chi-square, and dispersion, which tells the direction).
/// </summary>
internal static class UrnCommand
{
    public static Command Create(CliConsole console)
    {
        var initial = new Option<string>("--initial", "-a") { Description = "Initial examples per task, comma-separated (positive), e.g. 10,10.", Required = true };
        var turns = new Option<int>("--turns", "-T") { Description = "Answers generated per run.", Required = true };
        var runs = new Option<int>("--runs", "-R") { Description = "Simulated runs.", Required = true };
        var beta = new Option<double>("--beta", "-b") { Description = "Exponent of the simulated urn: 1 calibrated, > 1 winner-take-more (default 1).", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed", "-s") { Description = "Seed of the simulation (default 0)." };
        var simulations = new Option<int>("--simulations", "-M") { Description = $"Monte Carlo data sets of the dispersion test (default {UrnDispersion.DefaultSimulations}), used below {UrnDispersion.NormalReferenceRuns} runs; cost M · R · (k − 1) draws. From {UrnDispersion.NormalReferenceRuns} runs on the test uses a normal reference with the exact mean and variance.", DefaultValueFactory = _ => UrnDispersion.DefaultSimulations };
        var json = new Option<bool>("--json") { Description = "Write exact and simulated statistics as JSON." };
        var command = new Command("urn", "Exact Pólya-urn (calibrated model) statistics after T answers beside a simulated urn with exponent β.")
        {
            initial, turns, runs, beta, seed, simulations, json,
        };
        command.SetAction(parse => Run(console, parse.GetValue(initial), parse.GetValue(turns), parse.GetValue(runs), parse.GetValue(beta), parse.GetValue(seed), parse.GetValue(simulations), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string? initialText, int turns, int runs, double beta, int seed, int simulations, bool json)
    {
        var initial = CliArguments.NumberList(initialText, "--initial");
        if (initial.Length < 2 || initial.Any(a => a <= 0))
        {
            throw new CliInputException("--initial needs at least two positive counts, e.g. --initial 10,10");
        }

        if (turns <= 0)
        {
            throw new CliInputException($"--turns must be positive (got {turns})");
        }

        if (runs <= 0)
        {
            throw new CliInputException($"--runs must be positive (got {runs})");
        }

        if (!double.IsFinite(beta) || beta < 0 || beta > 20)
        {
            throw new CliInputException($"--beta must lie in [0, 20] (got {beta})");
        }

        if (simulations <= 0)
        {
            throw new CliInputException($"--simulations must be positive (got {simulations})");
        }

        var report = UrnComparison.Compute(initial, turns, runs, beta, seed, dispersionSimulations: simulations);
        var dispersion = report.Dispersion;
        if (json)
        {
            console.WriteJson(new
            {
                Initial = initial,
                report.Turns,
                report.Runs,
                Beta = beta,
                report.Seed,
                Exact = new { report.Exact.MeanShares, report.Exact.CollapseIndex, report.Exact.MeanEntropy },
                Simulated = new
                {
                    report.Simulated.MeanShares,
                    report.Simulated.CollapseIndex,
                    report.Simulated.MeanEntropy,
                    report.Simulated.CollapseIndexStandardError,
                },
                Fit = new { Method = report.Fit.Method.ToString(), report.Fit.Statistic, report.Fit.PValue, report.Fit.DegreesOfFreedom, report.Fit.Runs, report.Fit.ExcludedRuns },
                Dispersion = new { dispersion.Statistic, dispersion.Expected, dispersion.Ratio, dispersion.PValue, dispersion.Runs, dispersion.Simulations, dispersion.Reference },
            });
            return CliApp.Success;
        }

        var table = new Table()
            .Title($"Pólya urn from ({string.Join(", ", initial)}) after T = {turns} answers")
            .AddColumns("", "exact: calibrated urn (β = 1)", $"simulated: β = {beta.ToString(Format.Invariant)}, {runs} runs, seed {seed}");
        table.AddRow("mean shares", Shares(report.Exact.MeanShares), Shares(report.Simulated.MeanShares));
        table.AddRow("collapse index (≥ 90% one task)", Format.Number(report.Exact.CollapseIndex), $"{Format.Number(report.Simulated.CollapseIndex)} ± {Format.Number(report.Simulated.CollapseIndexStandardError)}");
        table.AddRow("mean entropy of shares (nats)", Format.Number(report.Exact.MeanEntropy), Format.Number(report.Simulated.MeanEntropy));
        console.Ansi.Write(table);
        console.Out.WriteLine($"Fit of the simulated runs to the calibrated urn ({report.Fit.Method}): statistic {Format.Number(report.Fit.Statistic, "0.##")}, p = {PValueText.Of(report.Fit.PValue)}");
        var reference = dispersion.Reference == DispersionReference.Normal
            ? $"a normal reference with the urn's exact mean and variance ({dispersion.Runs} runs ≥ {UrnDispersion.NormalReferenceRuns})"
            : $"{dispersion.Simulations} simulated data sets";
        console.Out.WriteLine($"Dispersion against the calibrated urn: ratio {Format.Number(dispersion.Ratio, "0.000")} (observed / expected), two-sided p = {PValueText.Of(dispersion.PValue)} from {reference}");
        console.Out.WriteLine("Small p rejects the calibrated urn; a dispersion ratio above 1 is collapse-like (β > 1), below 1 flattened (β < 1).");
        return CliApp.Success;
    }

    private static string Shares(IReadOnlyList<double> shares) => string.Join(", ", shares.Select(s => s.ToString("0.000", Format.Invariant)));
}
