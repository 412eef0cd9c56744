using System.CommandLine;
using Spectre.Console;
using Superposition.Distributions;
using Superposition.Metrics;

namespace Superposition.Cli.Commands;

/// <summary>
/// <c>superposition kl --target d1,d2,.. --model p1,p2,.. [--json]</c>: KL_raw, KL_norm, valid mass, and
/// distributions of several shapes with the same KL_raw, so the number can be read.
/// </summary>
internal static class KlCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new Option<string>("--target", "-t") { Description = "Target mixture D, comma-separated, summing to 1.", Required = true };
        var model = new Option<string>("--model", "-m") { Description = "Model probabilities P per task, comma-separated (need not sum to 1).", Required = true };
        var json = new Option<bool>("--json") { Description = "Write klRaw, klNormalized, validMass and examples as JSON." };
        var command = new Command("kl", "Calibration KL of a model's task probabilities against the target mixture, with equal-KL examples.") { target, model, json };
        command.SetAction(parse => Run(console, parse.GetValue(target), parse.GetValue(model), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string? targetText, string? modelText, bool json)
    {
        var d = CliArguments.NumberList(targetText, "--target");
        var p = CliArguments.NumberList(modelText, "--model");
        if (d.Length != p.Length)
        {
            throw new CliInputException($"--target has {d.Length} values and --model {p.Length}: give one per task");
        }

        CalibrationKl kl;
        try
        {
            kl = CalibrationKl.Compute(d, p);
        }
        catch (DistributionException e)
        {
            var option = e.ParamName == "target" ? "--target" : "--model";
            throw new CliInputException($"{option}: {e.Problem}");
        }

        var examples = double.IsFinite(kl.KlRaw) && kl.KlRaw >= 0 ? EqualKlExplainer.Explain(d, kl.KlRaw) : [];
        if (json)
        {
            console.WriteJson(new { kl.KlRaw, kl.KlNormalized, kl.ValidMass, Examples = examples });
            return CliApp.Success;
        }

        var summary = new Table().AddColumns("KL_raw (paper)", "KL_norm (calibration)", "valid mass s")
            .AddRow(Format.Number(kl.KlRaw), Format.Number(kl.KlNormalized), Format.Number(kl.ValidMass));
        console.Ansi.Write(summary);
        if (examples.Count > 0)
        {
            var table = new Table().Title($"Distributions with the same KL ({Format.Number(kl.KlRaw)}) from the target").AddColumns("shape", "P", "how");
            foreach (var e in examples)
            {
                table.AddRow(e.Shape, string.Join(", ", e.Probabilities.Select(x => x.ToString("0.#####", Format.Invariant))), e.Description);
            }

            console.Ansi.Write(table);
        }

        return CliApp.Success;
    }
}
