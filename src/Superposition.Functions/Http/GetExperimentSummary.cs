using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Superposition.Storage.Experiments;

namespace Superposition.Functions.Http;

/// <summary>GET /api/experiments/{id}/summary: the summary document as the aggregator stored it.</summary>
public sealed class GetExperimentSummary(ExperimentStore store)
{
    [Function(nameof(GetExperimentSummary))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "experiments/{id}/summary")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ExperimentIds.IsValid(id))
        {
            return Problems.MalformedId(id);
        }

        if (await store.GetSummaryDataAsync(id, cancellationToken) is { } summary)
        {
            return new FileContentResult(summary.ToArray(), "application/json; charset=utf-8");
        }

        return await store.GetRecordAsync(id, cancellationToken) is null
            ? Problems.NotFound($"There is no experiment '{id}'.")
            : Problems.NotFound($"Experiment '{id}' has no summary yet: results are aggregated on the AggregateSchedule timer.");
    }
}
