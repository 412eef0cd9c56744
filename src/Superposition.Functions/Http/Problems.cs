using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Superposition.Specs;
using Superposition.Storage.Experiments;

namespace Superposition.Functions.Http;

/// <summary>RFC 7807 problem details for the HTTP functions' errors.</summary>
internal static class Problems
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>400 with the spec's problems keyed by their JSON path.</summary>
    public static ObjectResult InvalidSpec(IEnumerable<SpecError> errors) =>
        Validation("The experiment spec is not valid.", errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));

    /// <summary>400 naming one bad field (a route value or query parameter).</summary>
    public static ObjectResult BadField(string field, string message) =>
        Validation("The request is not valid.", new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>400 for an id that is not an experiment id; checked before storage is touched.</summary>
    public static ObjectResult MalformedId(string? id) =>
        BadField("id", $"'{id}' is not an experiment id: lowercase letters, digits and hyphens, at most 100 characters ({ExperimentIds.Pattern}).");

    public static ObjectResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static ObjectResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The spec must be at most {limit} bytes (Superposition:Limits:MaxBodyBytes).");

    public static ObjectResult UnsupportedMediaType(string? contentType) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the spec as application/json, not {contentType}.");

    private static ObjectResult Validation(string title, IDictionary<string, string[]> errors) =>
        Result(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = title, Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1" });

    private static ObjectResult Problem(int status, string title, string detail) =>
        Result(new ProblemDetails { Status = status, Title = title, Detail = detail });

    private static ObjectResult Result(ProblemDetails problem)
    {
        var result = new ObjectResult(problem) { StatusCode = problem.Status };
        result.ContentTypes.Add(ProblemJson);
        return result;
    }
}
