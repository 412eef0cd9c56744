using Superposition.Summaries;

namespace Superposition.Engine.Running;

/// <summary>
/// The outcome of <see cref="ExperimentRunner.RunAsync"/>: items of the experiment, those found done (a resumed
/// run), scored now, failed now, and the summary of everything stored.
/// </summary>
public sealed record RunReport(string Id, int Total, int Resumed, int Scored, int Failed, ExperimentSummary Summary);
