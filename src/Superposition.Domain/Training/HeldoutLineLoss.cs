namespace Superposition.Training;

/// <summary>
/// The held-out loss of one line index: line k of a sequence is its k-th line (the examples, then the query last),
/// predicted after k − 1 earlier lines. Its loss is the sum of the losses of the tokens the "answers" loss scores
/// in it (the answer's bytes and the newline), so it is in nats per line, not per token: lines of every index add
/// up to the sequence's loss, whatever their answers' lengths.
/// </summary>
/// <param name="Line">k, from 1.</param>
/// <param name="Sequences">Held-out sequences that have a line k (those with at least k − 1 examples).</param>
/// <param name="ScoredTokens">Scored tokens of line k, summed over those sequences.</param>
/// <param name="Loss">The model's loss of line k, mean over those sequences (nats per line).</param>
/// <param name="BayesOptimalLoss">A Bayes-optimal model's loss of line k (<see cref="Training.BayesOptimalLoss.Lines"/>), mean over the same sequences; null without a closed form.</param>
public sealed record HeldoutLineLoss(int Line, int Sequences, long ScoredTokens, double Loss, double? BayesOptimalLoss);
