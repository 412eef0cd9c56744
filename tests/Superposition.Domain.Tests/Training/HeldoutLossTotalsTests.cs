using System.Text;
using Superposition.Training;

namespace Superposition.Domain.Tests.Training;

/// <summary>The held-out loss and its Bayes floor, overall and per line, from per-token log-probabilities made up for the test.</summary>
public sealed class HeldoutLossTotalsTests
{
    private static TrainingSpec Spec(string regime) => TrainingSpecLoader.Parse(
        TrainingSpecs.With("/heldout", "64", TrainingSpecs.With("/regime", regime == "single-task" ? """{"kind": "single-task"}""" : """{"kind": "dirichlet", "alpha": 1}""")),
        availableMemoryBytes: 64L << 30);

    public static TheoryData<string> Regimes => ["dirichlet", "single-task"];

    /// <summary>A made-up ln P for every token: varies with the position and the byte, so no two lines cost alike by accident.</summary>
    private static double[] Logprobs(TrainingSequence sequence) =>
        [.. sequence.Ids.Select((id, j) => -(0.05 + (0.01 * (((7 * j) + id) % 17))))];

    private static HeldoutEvaluation Measure(TrainingSpec spec, out List<TrainingSequence> sequences)
    {
        sequences = [.. new TrainingSequences(spec).Heldout()];
        var totals = new HeldoutLossTotals(spec);
        foreach (var sequence in sequences)
        {
            totals.Add(sequence, Logprobs(sequence));
        }

        return totals.ToEvaluation(recorded: null);
    }

    [Theory]
    [MemberData(nameof(Regimes))]
    public void The_lines_losses_weighted_by_their_sequences_add_up_to_the_held_out_loss_times_its_tokens(string regime)
    {
        var heldout = Measure(Spec(regime), out _);
        var lines = heldout.ByLine!;

        Assert.Equal(heldout.ScoredTokens, lines.Sum(l => l.ScoredTokens));
        var total = lines.Sum(l => l.Sequences * l.Loss);
        Assert.Equal(heldout.Loss * heldout.ScoredTokens, total, 1e-9 * total);
    }

    [Theory]
    [MemberData(nameof(Regimes))]
    public void The_lines_bayes_losses_add_up_to_the_bayes_floor_times_its_tokens(string regime)
    {
        var heldout = Measure(Spec(regime), out _);

        var total = heldout.ByLine!.Sum(l => l.Sequences * l.BayesOptimalLoss!.Value);
        Assert.True(total > 0, "a floor of zero would make the sum trivially right");
        Assert.Equal(heldout.BayesOptimalLoss!.Value * heldout.ScoredTokens, total, 1e-9 * total);
    }

    [Fact]
    public void Every_line_index_that_occurs_has_an_entry_counting_the_sequences_that_have_it()
    {
        var heldout = Measure(Spec("dirichlet"), out var sequences);
        var lines = heldout.ByLine!;

        Assert.Equal(Enumerable.Range(1, sequences.Max(s => s.Lines.Count)), lines.Select(l => l.Line));
        Assert.All(lines, l => Assert.Equal(sequences.Count(s => s.Lines.Count >= l.Line), l.Sequences));

        // At least one example, then the query: every sequence has lines 1 and 2; the longest have 11.
        Assert.Equal(heldout.Sequences, lines[1].Sequences);
        Assert.True(lines[^1].Sequences < heldout.Sequences);
    }

    [Fact]
    public void A_lines_loss_is_the_sum_of_its_answer_bytes_and_newline_losses_in_nats_per_line()
    {
        var spec = Spec("dirichlet");
        var sequence = new TrainingSequences(spec).Heldout().First(s => s.Lines.Count >= 3);
        var logprobs = Logprobs(sequence);
        var totals = new HeldoutLossTotals(spec);
        totals.Add(sequence, logprobs);

        var lines = totals.ToEvaluation(recorded: null).ByLine!;

        // Walk the text by hand: each line is question, separator, answer, newline; its answer and newline are scored.
        var start = 0;
        for (var k = 0; k < sequence.Lines.Count; k++)
        {
            var line = sequence.Lines[k];
            var answer = start + Encoding.UTF8.GetByteCount(line.Question + sequence.Separator);
            var end = answer + Encoding.UTF8.GetByteCount(line.Answer) + 1;
            Assert.Equal(1, lines[k].Sequences);
            Assert.Equal(end - answer, lines[k].ScoredTokens);
            Assert.Equal(-logprobs[answer..end].Sum(), lines[k].Loss, 12);
            start = end;
        }

        Assert.Equal(sequence.Ids.Length, start);
    }

    [Fact]
    public void Under_single_task_every_line_after_the_first_has_a_bayes_loss_of_zero_since_the_first_answer_names_the_task()
    {
        // Questions 3 to 9: no two of the six tasks give the same answer, so one example names the task.
        var lines = Measure(Spec("single-task"), out _).ByLine!;

        Assert.Equal(Math.Log(6), lines[0].BayesOptimalLoss!.Value, 12);
        Assert.All(lines.Skip(1), l => Assert.Equal(0.0, l.BayesOptimalLoss!.Value));
        Assert.All(lines, l => Assert.True(l.Loss > 0, $"line {l.Line}: the made-up model pays something on every line"));
    }

    [Fact]
    public void Where_a_sequence_has_no_closed_form_no_line_has_a_bayes_loss_as_the_total_has_none()
    {
        var rounded = TrainingSpecLoader.Parse(TrainingSpecs.With("/regime", """{"kind": "dirichlet", "alpha": 1, "counts": "rounding"}"""), availableMemoryBytes: 64L << 30);

        var heldout = Measure(rounded, out _);

        Assert.Null(heldout.BayesOptimalLoss);
        Assert.All(heldout.ByLine!, l => Assert.Null(l.BayesOptimalLoss));
        Assert.All(heldout.ByLine!, l => Assert.True(double.IsFinite(l.Loss)));
    }
}
