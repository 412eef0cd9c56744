using System.Globalization;
using AngleSharp.Dom;
using Superposition.Summaries;

namespace Superposition.Reports.Tests.Html;

/// <summary>Reads the marked-up numbers of a page and compares them with a summary, independently of the formatter.</summary>
internal static class PageNumbers
{
    /// <summary>4 decimals shown: a shown number is within half a unit of the 4th decimal of the true one.</summary>
    public const double Tolerance = 0.5e-4 + 1e-12;

    public static IEnumerable<(string Metric, string Model, string Distribution, string Bound, double Expected)> Expected(ExperimentSummary summary)
    {
        foreach (var model in summary.Models)
        {
            foreach (var d in model.Distributions)
            {
                var t = d.Terminated!;
                foreach (var (metric, value) in new[] { ("kl-raw-prefix", d.Prefix!.KlRaw), ("kl-raw", t.KlRaw), ("kl-norm", t.KlNormalized), ("valid-mass", t.ValidMass) })
                {
                    yield return (metric, model.Model, d.Distribution, "mean", value.Mean);
                    yield return (metric, model.Model, d.Distribution, "low", value.Low);
                    yield return (metric, model.Model, d.Distribution, "high", value.High);
                }

                yield return ("kl-of-mean-raw", model.Model, d.Distribution, "mean", t.KlOfMeanRaw);
                yield return ("kl-of-mean-norm", model.Model, d.Distribution, "mean", t.KlOfMeanNormalized);
            }
        }
    }

    public static double Parse(string text) =>
        text == "∞" ? double.PositiveInfinity : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static void AssertShown(double expected, string shown, string what)
    {
        var value = Parse(shown);
        if (double.IsPositiveInfinity(expected))
        {
            Assert.True(double.IsPositiveInfinity(value), $"{what}: expected ∞, shown '{shown}'.");
            return;
        }

        Assert.True(Math.Abs(value - expected) <= Tolerance, $"{what}: expected {expected:R}, shown '{shown}'.");
        Assert.Matches(@"^-?\d+\.\d{4}$", shown);
    }

    /// <summary>The element marked with these attributes (exactly one).</summary>
    public static IElement Find(IParentNode document, string metric, string model, string? distribution, string bound) =>
        Assert.Single(document.QuerySelectorAll("[data-metric]"), e =>
            e.GetAttribute("data-metric") == metric && e.GetAttribute("data-model") == model
            && e.GetAttribute("data-distribution") == distribution && e.GetAttribute("data-bound") == bound);
}
