namespace Superposition.Engine.Running;

/// <summary>How far an in-process run is: items of this run finished (scored or failed) out of those it had to do.</summary>
public sealed record RunProgress(int Finished, int ToDo, int Scored, int Failed);
