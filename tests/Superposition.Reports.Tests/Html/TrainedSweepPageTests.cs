using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Superposition.Reports.Html;
using Superposition.Summaries;

namespace Superposition.Reports.Tests.Html;

public sealed class TrainedSweepPageTests
{
    private static readonly Lazy<IDocument> Page = new(() =>
        new HtmlParser().ParseDocument(ReportWriter.RenderTrainedSweep(SweepSamples.Models, SweepSamples.Calibration, SweepSamples.Collapse)));

    private static string Shown(IParentNode scope, string metric, string model, string? distribution = null) =>
        PageNumbers.Find(scope, metric, model, distribution, "mean").TextContent;

    [Fact]
    public void Training_table_groups_models_by_regime_and_orders_each_regime_by_parameters()
    {
        var rows = Page.Value.QuerySelectorAll("#training-table tbody tr").ToList();
        Assert.Equal(
            ["train-numbers-single-l1-w16", "train-numbers-single-l2-w24", "train-numbers-dirichlet-l1-w16", "train-numbers-dirichlet-l2-w40", "train-numbers-dirichlet-l3-w56"],
            rows.Select(r => r.GetAttribute("data-model")));
        Assert.Equal(["single-task", "single-task", "dirichlet", "dirichlet", "dirichlet"], rows.Select(r => r.GetAttribute("data-regime")));
        Assert.Equal("dirichlet (α = 1)", rows[2].Children[0].TextContent);
    }

    [Fact]
    public void Training_table_shows_each_models_size_budget_losses_and_accuracy_as_the_page_formats_them()
    {
        var table = Page.Value.QuerySelector("#training-table")!;
        foreach (var m in SweepSamples.Models)
        {
            Assert.Equal(m.Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture), Shown(table, "parameters", m.Name));
            Assert.Equal(m.NonEmbeddingParameters.ToString(System.Globalization.CultureInfo.InvariantCulture), Shown(table, "non-embedding-parameters", m.Name));
            Assert.Equal(m.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture), Shown(table, "steps", m.Name));
            Assert.Equal(m.TokensSeen.ToString(System.Globalization.CultureInfo.InvariantCulture), Shown(table, "tokens", m.Name));
            PageNumbers.AssertShown(m.FinalTrainLoss, Shown(table, "final-train-loss", m.Name), m.Name);
            if (m.Evaluation is not { } e)
            {
                continue;
            }

            PageNumbers.AssertShown(e.Heldout.Loss, Shown(table, "heldout-loss", m.Name), m.Name);
            PageNumbers.AssertShown(e.Heldout.BayesOptimalLoss!.Value, Shown(table, "bayes-loss", m.Name), m.Name);
            PageNumbers.AssertShown(e.Heldout.Loss - e.Heldout.BayesOptimalLoss.Value, Shown(table, "excess-loss", m.Name), m.Name);
            Assert.Equal("0.8333", Shown(table, "accuracy", m.Name));
            Assert.Equal("0.3333", Shown(table, "accuracy-1", m.Name));
            Assert.Equal("0.9833", Shown(table, "accuracy-60", m.Name));
        }

        // l3-w56 of the dirichlet sweep: width 56, so loss 1 + 10/56 + 0.01 held out, Bayes-optimal 0.98765.
        Assert.Equal("1.1886", Shown(table, "heldout-loss", "train-numbers-dirichlet-l3-w56"));
        Assert.Equal("0.2009", Shown(table, "excess-loss", "train-numbers-dirichlet-l3-w56"));
        Assert.Equal("1:02:05", Shown(table, "training-time", "train-numbers-dirichlet-l3-w56"));
        Assert.Equal("0:01:00", Shown(table, "training-time", "train-numbers-single-l1-w16"));
    }

    [Fact]
    public void A_model_without_evaluation_json_reads_na_in_every_column_the_evaluation_fills()
    {
        var table = Page.Value.QuerySelector("#training-table")!;
        foreach (var metric in new[] { "heldout-loss", "bayes-loss", "excess-loss", "accuracy", "accuracy-1", "accuracy-60" })
        {
            Assert.Equal("n/a", Shown(table, metric, SweepSamples.Unevaluated));
            Assert.NotEqual("n/a", Shown(table, metric, "train-numbers-dirichlet-l1-w16"));
        }

        PageNumbers.AssertShown(SweepSamples.Models.Single(m => m.Name == SweepSamples.Unevaluated).FinalTrainLoss, Shown(table, "final-train-loss", SweepSamples.Unevaluated), "trained but not evaluated");
    }

    [Fact]
    public void The_per_line_section_shows_its_plot_and_names_exactly_the_models_without_per_line_losses()
    {
        var section = Page.Value.GetElementById(HeldoutByLineSection.Id)!;
        Assert.Contains("nats per line", section.NextElementSibling!.TextContent, StringComparison.Ordinal);

        // The sentence that says how to read the plot stands under it.
        Assert.NotNull(Page.Value.QuerySelector("figure#heldout-by-line img"));
        Assert.Contains("fails at long contexts", Page.Value.QuerySelector("figure#heldout-by-line figcaption")!.TextContent, StringComparison.Ordinal);

        var note = Page.Value.GetElementById(HeldoutByLineSection.MissingId)!;
        Assert.Equal([SweepSamples.WithoutLines, SweepSamples.Unevaluated], note.QuerySelectorAll("code").Select(c => c.TextContent).Where(t => t.StartsWith("train-", StringComparison.Ordinal)));
        Assert.Contains("needs re-evaluation", note.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_per_line_losses_anywhere_as_in_evaluations_written_before_them_the_page_shows_the_note_instead_of_the_plot()
    {
        var old = SweepSamples.Models.Select(m => m with { Evaluation = m.Evaluation is { } e ? e with { Heldout = e.Heldout with { ByLine = null } } : null }).ToList();

        var document = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(ReportWriter.RenderTrainedSweep(old, null, null));

        Assert.Null(document.QuerySelector("figure#heldout-by-line"));
        Assert.NotNull(document.QuerySelector("figure#heldout-curves"));
        var note = document.GetElementById(HeldoutByLineSection.MissingId)!;
        Assert.StartsWith("No model has per-line losses yet", note.TextContent, StringComparison.Ordinal);
        Assert.All(old, m => Assert.Contains(m.Name, note.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_page_says_every_size_of_each_sweep_saw_the_same_steps_times_batch_sequences()
    {
        foreach (var sweep in new[] { "train-numbers-single", "train-numbers-dirichlet" })
        {
            var sentence = Page.Value.QuerySelector($"p[data-spec='{sweep}']")!.TextContent;
            var training = SweepSamples.Spec(sweep["train-numbers-".Length..]).Training;
            Assert.Contains($"{training.Steps} steps × batch {training.Batch} = {training.Steps * training.Batch} sequences", sentence, StringComparison.Ordinal);
            Assert.Contains("equal token budget", sentence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_sweep_trained_for_a_time_budget_is_described_by_its_budget_not_by_an_equal_token_budget()
    {
        var budget = SweepSamples.Models.Select(m => m with { Spec = m.Spec with { Training = m.Spec.Training with { Steps = null, BudgetMinutes = 12.5 } } }).ToList();
        var page = new HtmlParser().ParseDocument(ReportWriter.RenderTrainedSweep(budget, SweepSamples.Calibration, SweepSamples.Collapse));

        var model = budget.Single(m => m.Name == "train-numbers-dirichlet-l1-w16");
        var sentence = page.QuerySelector("p[data-spec='train-numbers-dirichlet']")!.TextContent;
        Assert.Contains($"the same time budget, 12.5 minutes at batch {model.Spec.Training.Batch}", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("equal token budget", sentence, StringComparison.Ordinal);
        Assert.Equal(model.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture), Shown(page, "steps", model.Name));
    }

    [Fact]
    public void Calibration_table_shows_every_model_and_distribution_with_its_interval_and_its_KL_to_Polya()
    {
        var table = Page.Value.QuerySelector("#calibration-table")!;
        Assert.Equal(SweepSamples.Calibration.Models.Sum(m => m.Distributions.Count), table.QuerySelectorAll("tbody tr").Length);
        foreach (var model in SweepSamples.Calibration.Models)
        {
            foreach (var d in model.Distributions)
            {
                var t = d.Terminated!;
                foreach (var (metric, value) in new[] { ("kl-raw", t.KlRaw), ("kl-norm", t.KlNormalized), ("kl-raw-polya", t.Polya!.KlRaw), ("kl-norm-polya", t.Polya.KlNormalized) })
                {
                    foreach (var (bound, expected) in new[] { ("mean", value.Mean), ("low", value.Low), ("high", value.High) })
                    {
                        PageNumbers.AssertShown(expected, PageNumbers.Find(table, metric, model.Model, d.Distribution, bound).TextContent, $"{metric}/{model.Model}/{d.Distribution}/{bound}");
                    }
                }
            }
        }

        // Ordered like the training table: single-task first, then dirichlet by size, the model without a record last.
        Assert.Equal(["train-numbers-single-l1-w16", "train-numbers-dirichlet-l1-w16", "train-numbers-dirichlet-l3-w56", SweepSamples.Stranger],
            table.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-model")).Distinct());
    }

    [Fact]
    public void Beta_table_shows_each_models_beta_with_its_interval_and_R2_and_na_for_an_unknown_size()
    {
        var table = Page.Value.QuerySelector("#beta-table")!;
        foreach (var model in SweepSamples.Calibration.Models)
        {
            var e = model.Exponent!;
            PageNumbers.AssertShown(e.Beta!.Value, Shown(table, "beta", model.Model), model.Model);
            PageNumbers.AssertShown(e.Low!.Value, PageNumbers.Find(table, "beta", model.Model, null, "low").TextContent, model.Model);
            PageNumbers.AssertShown(e.High!.Value, PageNumbers.Find(table, "beta", model.Model, null, "high").TextContent, model.Model);
            PageNumbers.AssertShown(e.RSquared!.Value, Shown(table, "r-squared", model.Model), model.Model);
        }

        Assert.Equal("n/a", Shown(table, "parameters", SweepSamples.Stranger));
        Assert.Equal("regime unknown", table.QuerySelector($"tr[data-model='{SweepSamples.Stranger}']")!.Children[1].TextContent);
        Assert.Equal(SweepSamples.Models.Single(m => m.Name == "train-numbers-dirichlet-l1-w16").Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Shown(table, "parameters", "train-numbers-dirichlet-l1-w16"));
    }

    [Fact]
    public void Collapse_table_shows_observed_index_with_its_standard_error_beside_the_Polya_urn_and_the_beta_urn()
    {
        var table = Page.Value.QuerySelector("#collapse-table")!;
        var rows = SweepSamples.Collapse.Collapse!;
        Assert.Equal(rows.Count, table.QuerySelectorAll("tbody tr").Length);
        foreach (var row in rows)
        {
            var setting = row.SettingLabel();
            var r = row.Report;
            PageNumbers.AssertShown(r.Observed.CollapseIndex, Shown(table, "collapse-index-observed", row.Model, setting), row.Model);
            PageNumbers.AssertShown(r.Observed.CollapseIndexStandardError, Shown(table, "collapse-index-se", row.Model, setting), row.Model);
            PageNumbers.AssertShown(r.CalibratedUrn.CollapseIndex, Shown(table, "collapse-index-urn", row.Model, setting), row.Model);
            if (r.BetaUrn is { } beta)
            {
                PageNumbers.AssertShown(beta.CollapseIndex, Shown(table, "collapse-index-beta-urn", row.Model, setting), row.Model);
            }
            else
            {
                Assert.Equal("n/a", Shown(table, "collapse-index-beta-urn", row.Model, setting));
            }
        }

        Assert.NotNull(rows.Single(m => m.Model == "train-numbers-single-l1-w16").Report.BetaUrn);
        Assert.Contains("Pólya urn from n + α", table.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Fig6_over_size_table_has_one_row_per_model_with_each_measure_across_distributions_and_beta_with_intervals()
    {
        var table = Page.Value.QuerySelector("#fig6-over-size-table")!;
        var across = AcrossDistributionsTable.Distribution;
        foreach (var model in SweepSamples.Calibration.Models)
        {
            var t = model.Across!;
            foreach (var (metric, value) in new[]
            {
                ("kl-raw-prefix", model.PrefixAcross!.KlRaw), ("kl-raw", t.KlRaw), ("kl-norm", t.KlNormalized),
                ("kl-raw-polya", t.PolyaKlRaw!), ("kl-norm-polya", t.PolyaKlNormalized!), ("valid-mass", t.ValidMass),
                ("beta", new MetricSummary(model.Exponent!.Beta!.Value, model.Exponent.Low!.Value, model.Exponent.High!.Value)),
            })
            {
                foreach (var (bound, expected) in new[] { ("mean", value.Mean), ("low", value.Low), ("high", value.High) })
                {
                    PageNumbers.AssertShown(expected, PageNumbers.Find(table, metric, model.Model, across, bound).TextContent, $"{metric}/{model.Model}/{bound}");
                }
            }
        }

        // Regime then size, as the training table: each row names its regime and its size in the sweep.
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(["train-numbers-single-l1-w16", "train-numbers-dirichlet-l1-w16", "train-numbers-dirichlet-l3-w56", SweepSamples.Stranger], rows.Select(r => r.GetAttribute("data-model")));
        Assert.Equal(["single-task", "l1-w16"], rows[0].Children.Take(2).Select(c => c.TextContent));
        Assert.Equal(["regime unknown", SweepSamples.Stranger], rows[3].Children.Take(2).Select(c => c.TextContent));
    }

    [Fact]
    public void Collapse_table_tests_each_row_against_the_urn_and_its_beta_urn_and_says_the_verdict()
    {
        var table = Page.Value.QuerySelector("#collapse-table")!;
        foreach (var row in SweepSamples.Collapse.Collapse!)
        {
            var setting = row.SettingLabel();
            var r = row.Report;
            PageNumbers.AssertShown(r.Dispersion!.Ratio, Shown(table, "dispersion-urn", row.Model, setting), row.Model);
            Assert.Equal(Statistics.PValueText.Of(r.Dispersion.PValue), Shown(table, "dispersion-urn-p", row.Model, setting));
            Assert.Equal(SweepFindings.Label(r.Dispersion.VerdictAt()), Shown(table, "verdict-urn", row.Model, setting));
            if (r.BetaUrnDispersion is { } beta)
            {
                PageNumbers.AssertShown(beta.Ratio, Shown(table, "dispersion-beta-urn", row.Model, setting), row.Model);
                Assert.Equal(SweepFindings.Label(beta.VerdictAt()), Shown(table, "verdict-beta-urn", row.Model, setting));
            }
            else
            {
                Assert.Equal("n/a", Shown(table, "dispersion-beta-urn", row.Model, setting));
            }
        }

        // The sample's single-task runs come from a β = 2 urn: over-dispersed against the Pólya urn, and tested
        // against the β = 1.5 beta-urn of its fit; the dirichlet models have no fit, so no beta-urn test.
        Assert.Equal("over-dispersed", Shown(table, "verdict-urn", "train-numbers-single-l1-w16", "counts 2,2"));
        Assert.NotNull(SweepSamples.Collapse.Collapse!.Single(m => m.Model == "train-numbers-single-l1-w16").Report.BetaUrnDispersion);
    }

    [Fact]
    public void Regime_contrast_counts_each_regimes_rows_by_the_verdicts_the_collapse_table_shows()
    {
        var table = Page.Value.QuerySelector("#regime-contrast-table")!;
        var rows = SweepSamples.Collapse.Collapse!;
        foreach (var (regime, prefix) in new[] { ("single-task", "train-numbers-single-"), ("dirichlet", "train-numbers-dirichlet-") })
        {
            var mine = rows.Where(r => r.Model.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            Assert.Equal(mine.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Shown(table, "rows", regime));
            foreach (var (metric, verdict) in new[] { ("consistent-urn", Collapse.DispersionVerdict.Consistent), ("over-urn", Collapse.DispersionVerdict.OverDispersed), ("under-urn", Collapse.DispersionVerdict.UnderDispersed) })
            {
                Assert.Equal(mine.Count(r => r.Report.Dispersion!.VerdictAt() == verdict).ToString(System.Globalization.CultureInfo.InvariantCulture), Shown(table, metric, regime));
            }

            Assert.Equal(mine.Count(r => r.Report.BetaUrnDispersion is not null).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (int.Parse(Shown(table, "consistent-beta-urn", regime), System.Globalization.CultureInfo.InvariantCulture) + int.Parse(Shown(table, "over-beta-urn", regime), System.Globalization.CultureInfo.InvariantCulture) + int.Parse(Shown(table, "under-beta-urn", regime), System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Without_the_experiments_the_calibration_and_collapse_sections_are_left_out_and_nothing_throws()
    {
        var document = new HtmlParser().ParseDocument(ReportWriter.RenderTrainedSweep(SweepSamples.Models, null, null));
        Assert.NotNull(document.QuerySelector("#training-table"));
        Assert.Null(document.QuerySelector("#calibration-by-size"));
        Assert.Null(document.QuerySelector("#beta-by-size"));
        Assert.Null(document.QuerySelector("#collapse-by-size"));

        var empty = new HtmlParser().ParseDocument(ReportWriter.RenderTrainedSweep([], SweepSamples.Calibration with { Models = [] }, null));
        Assert.Null(empty.QuerySelector("#training-table"));
        Assert.Empty(empty.QuerySelectorAll("#calibration-table tbody tr"));
    }

    [Fact]
    public void Written_page_is_well_formed_html_with_unique_ids_and_every_plot_it_names_exists_as_png_and_svg()
    {
        var folder = Path.Combine(Path.GetTempPath(), "superposition-sweep-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = ReportWriter.WriteTrainedSweep(SweepSamples.Models, SweepSamples.Calibration, SweepSamples.Collapse, folder);
            Assert.Equal(Path.Combine(folder, "index.html"), path);

            // Strict mode throws at the first parse error: unclosed or misnested elements, stray end tags.
            var document = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(File.ReadAllText(path));
            var ids = document.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
            var figures = document.QuerySelectorAll("figure").Select(f => f.Id!).ToList();
            Assert.Equal(["heldout-curves", "heldout-by-line", "sweep-calibration", "sweep-beta", "sweep-collapse"], figures);
            foreach (var figure in document.QuerySelectorAll("figure"))
            {
                var img = figure.QuerySelector("img")!;
                var (width, height) = (int.Parse(img.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture), int.Parse(img.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture));
                Images.AssertPng(File.ReadAllBytes(Path.Combine(folder, figure.Id + ".png")), width, height);
                Images.AssertSvg(File.ReadAllText(Path.Combine(folder, figure.Id + ".svg")), width, height);
                Assert.StartsWith("data:image/png;base64,", img.GetAttribute("src"), StringComparison.Ordinal);
            }

            Assert.DoesNotContain("http://", File.ReadAllText(path).Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Index_links_the_trained_sweep_page_given_as_an_extra_link()
    {
        var html = ReportWriter.RenderIndex([new(Samples.Summary, "fig6-numbers/report.html")], null, [new IndexLink("Trained sweep", "trained-sweep/index.html", "eight small GPT-2 models")]);
        var link = Assert.Single(new HtmlParser().ParseDocument(html).QuerySelectorAll("#pages a"));
        Assert.Equal("trained-sweep/index.html", link.GetAttribute("href"));
        Assert.Equal("Trained sweep", link.TextContent);
        Assert.DoesNotContain("id=\"pages\"", ReportWriter.RenderIndex([new(Samples.Summary, "fig6-numbers/report.html")]), StringComparison.Ordinal);
    }
}
