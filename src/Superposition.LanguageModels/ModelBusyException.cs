namespace Superposition.LanguageModels;

/// <summary>
/// A model refused a request because its bounded queue of forward passes is full: the request was not run and may
/// be retried later (a protocol server answers 503 with Retry-After, which the suite's client retries). Refusing
/// instead of queueing without bound keeps a server's memory flat under a burst of requests.
/// </summary>
/// <param name="model">The busy model's name.</param>
/// <param name="maxConcurrentRuns">How many forward passes the model runs at once.</param>
/// <param name="maxQueuedRuns">How many forward passes may wait for it.</param>
public sealed class ModelBusyException(string model, int maxConcurrentRuns, int maxQueuedRuns)
    : Exception($"Model '{model}' is busy: {maxConcurrentRuns} forward pass(es) running and {maxQueuedRuns} waiting, the bound of its queue (MaxQueuedRuns = {maxQueuedRuns}); retry later.")
{
    /// <summary>The busy model's name.</summary>
    public string Model { get; } = model;

    /// <summary>How many forward passes may wait for the model.</summary>
    public int MaxQueuedRuns { get; } = maxQueuedRuns;
}
