using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Superposition.Storage.Experiments;

namespace Superposition.Functions.Http;

/// <summary>GET /api/experiments/{id}/report: the stored HTML report, or 404 while there is none.</summary>
public sealed class GetExperimentReport(ExperimentStore store)
{
    [Function(nameof(GetExperimentReport))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "experiments/{id}/report")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ExperimentIds.IsValid(id))
        {
            return Problems.MalformedId(id);
        }

        if (await store.GetReportAsync(id, cancellationToken) is { } report)
        {
            return new FileContentResult(report.ToArray(), "text/html; charset=utf-8");
        }

        return await store.GetRecordAsync(id, cancellationToken) is null
            ? Problems.NotFound($"There is no experiment '{id}'.")
            : Problems.NotFound($"Experiment '{id}' has no report yet.");
    }
}
