namespace Superposition.Training;

/// <summary>
/// Adds up a model's losses on held-out sequences into a <see cref="HeldoutEvaluation"/>: per scored token overall,
/// and per line (<see cref="HeldoutLineLoss"/>), each beside the Bayes-optimal loss of the same tokens. Both views
/// come from the same tokens and the same <see cref="BayesOptimalLoss.Lines"/>, so the lines add up to the total.
/// </summary>
public sealed class HeldoutLossTotals
{
    private readonly TrainingSpec _spec;
    private readonly List<LineTotal> _lines = [];
    private double _loss;
    private double _bayes;
    private long _tokens;
    private int _sequences;
    private bool _bayesKnown = true;

    public HeldoutLossTotals(TrainingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
    }

    /// <summary>
    /// Adds one sequence, given the model's ln P of each of its tokens given those before (aligned with
    /// <see cref="TrainingSequence.Ids"/>; read only where <see cref="TrainingSequence.AnswerLines"/> names a line).
    /// </summary>
    public void Add(TrainingSequence sequence, IReadOnlyList<double> logprobs)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(logprobs);
        var owners = sequence.AnswerLines;
        if (logprobs.Count != owners.Length)
        {
            throw new ArgumentException($"{logprobs.Count} log-probabilities for a sequence of {owners.Length} tokens.", nameof(logprobs));
        }

        var lineCount = sequence.Lines.Count;
        while (_lines.Count < lineCount)
        {
            _lines.Add(new LineTotal());
        }

        var lineLoss = new double[lineCount];
        var lineTokens = new int[lineCount];

        // Position 0 has no context and is never scored (a line starts with its question).
        for (var j = 1; j < owners.Length; j++)
        {
            if (owners[j] > 0)
            {
                _loss -= logprobs[j];
                lineLoss[owners[j] - 1] -= logprobs[j];
                lineTokens[owners[j] - 1]++;
                _tokens++;
            }
        }

        var bayes = BayesOptimalLoss.Lines(_spec, sequence);
        _bayesKnown &= bayes is not null;
        _bayes += bayes?.Sum() ?? 0;
        for (var k = 0; k < lineCount; k++)
        {
            var total = _lines[k];
            total.Sequences++;
            total.Tokens += lineTokens[k];
            total.Loss += lineLoss[k];
            total.Bayes += bayes?[k] ?? 0;
        }

        _sequences++;
    }

    /// <summary>The evaluation so far; <paramref name="recorded"/> is the trainer's own held-out loss, kept beside it.</summary>
    public HeldoutEvaluation ToEvaluation(double? recorded)
    {
        var bayesKnown = _bayesKnown && _tokens > 0;
        var byLine = _lines.Select((t, k) => new HeldoutLineLoss(k + 1, t.Sequences, t.Tokens, t.Loss / t.Sequences, bayesKnown ? t.Bayes / t.Sequences : null)).ToList();
        return new HeldoutEvaluation(_sequences, _tokens, _tokens == 0 ? double.NaN : _loss / _tokens, recorded, bayesKnown ? _bayes / _tokens : null, byLine);
    }

    private sealed class LineTotal
    {
        public int Sequences { get; set; }

        public long Tokens { get; set; }

        public double Loss { get; set; }

        public double Bayes { get; set; }
    }
}
