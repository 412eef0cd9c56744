using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Superposition.Engine.Status;
using Superposition.Storage.Experiments;

namespace Superposition.Functions.Http;

/// <summary>GET /api/experiments/{id}: status (total, done, failed, pending, per model and distribution, failures).</summary>
public sealed class GetExperiment(ExperimentStore store)
{
    [Function(nameof(GetExperiment))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "experiments/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ExperimentIds.IsValid(id))
        {
            return Problems.MalformedId(id);
        }

        var status = await ExperimentStatusReader.ReadAsync(store, id, cancellationToken);
        return status is null ? Problems.NotFound($"There is no experiment '{id}'.") : new OkObjectResult(status);
    }
}
