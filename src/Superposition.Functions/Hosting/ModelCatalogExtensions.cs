using Superposition.Scoring.Models;

namespace Superposition.Functions.Hosting;

/// <summary>What the app asks the model catalog: is a name usable, and how large is the model.</summary>
internal static class ModelCatalogExtensions
{
    /// <summary>Why <paramref name="model"/> cannot be used (unknown or misconfigured), or null when it can.</summary>
    public static string? Problem(this ModelCatalog catalog, string model)
    {
        try
        {
            catalog.Resolve(model);
            return null;
        }
        catch (ModelConfigurationException e)
        {
            return e.Message;
        }
    }

    /// <summary>The configured parameter count of <paramref name="model"/>; null when unknown.</summary>
    public static double? ParameterCount(this ModelCatalog catalog, string model)
    {
        try
        {
            return catalog.Resolve(model).ParameterCount;
        }
        catch (ModelConfigurationException)
        {
            return null;
        }
    }
}
