using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Superposition.Storage.Documents;
using Superposition.Storage.Experiments;

namespace Superposition.Functions.Http;

/// <summary>GET /api/experiments: every stored experiment's record, by id.</summary>
public sealed class ListExperiments(ExperimentStore store)
{
    [Function(nameof(ListExperiments))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "experiments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var records = new List<ExperimentRecord>();
        await foreach (var id in store.ListIdsAsync(cancellationToken))
        {
            if (ExperimentIds.IsValid(id) && await store.GetRecordAsync(id, cancellationToken) is { } record)
            {
                records.Add(record);
            }
        }

        return new OkObjectResult(records);
    }
}
