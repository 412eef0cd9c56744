using System.Globalization;
using System.Text.Json;
using Superposition.OnnxModel.Inference;

namespace Superposition.Cli.Training;

/// <summary>
/// Checks a trained model's ONNX folder with the suite's own loader (<see cref="OnnxLanguageModel"/>, the provider
/// that will score it) against the training model's logits in <c>onnx/probe.json</c>. The loader exposes
/// next-token probabilities, so each probe row is compared as log-probabilities (log-softmax of the probe's logits):
/// what every score of the suite is made of, and unchanged by a constant shift of the logits.
/// </summary>
internal static class OnnxProbeCheck
{
    public const string ProbeFile = "probe.json";

    /// <param name="Difference">The largest |Δ log p| over every probed position and token.</param>
    /// <param name="Tolerance">probe.json's tolerance.</param>
    /// <param name="Where">Where the largest difference is ("case 2, position 30, token 10").</param>
    /// <param name="Positions">How many positions were compared.</param>
    public sealed record Result(double Difference, double Tolerance, string Where, int Positions)
    {
        public bool Passed => Difference <= Tolerance;
    }

    public static Result Check(string onnxFolder)
    {
        using var probe = JsonDocument.Parse(File.ReadAllText(Path.Combine(onnxFolder, ProbeFile)));
        var tolerance = probe.RootElement.GetProperty("tolerance").GetDouble();
        using var model = OnnxLanguageModel.Load(onnxFolder, new OnnxModelOptions(Name: null, Threads: 1));
        var worst = 0.0;
        var where = "none";
        var positions = 0;
        var cases = probe.RootElement.GetProperty("cases").EnumerateArray().ToList();
        for (var c = 0; c < cases.Count; c++)
        {
            var ids = cases[c].GetProperty("input_ids").EnumerateArray().Select(i => i.GetInt32()).ToArray();
            var scored = model.Score([ids])[0];
            var rows = cases[c].GetProperty("logits").EnumerateArray().ToList();
            var at = cases[c].GetProperty("positions").EnumerateArray().Select(p => p.GetInt32()).ToList();
            for (var r = 0; r < at.Count; r++)
            {
                // The distribution after position p is the one token p + 1 was scored against; after the last, the continuation's.
                var p = at[r];
                var distribution = p + 1 < ids.Length ? scored.Tokens[p + 1].Distribution! : scored.Continue.Distribution;
                var logits = rows[r].EnumerateArray().Select(l => l.GetDouble()).ToArray();
                var max = logits.Max();
                var normaliser = max + Math.Log(logits.Sum(l => Math.Exp(l - max)));
                for (var token = 0; token < logits.Length; token++)
                {
                    var difference = Math.Abs(Math.Log(distribution.ProbabilityOf(token)) - (logits[token] - normaliser));
                    if (!(difference <= worst))
                    {
                        worst = double.IsNaN(difference) ? double.PositiveInfinity : difference;
                        where = string.Create(CultureInfo.InvariantCulture, $"case {c}, position {p}, token {token}");
                    }
                }

                positions++;
            }
        }

        return new Result(worst, tolerance, where, positions);
    }
}
