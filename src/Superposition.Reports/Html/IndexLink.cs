namespace Superposition.Reports.Html;

/// <summary>A page beside the experiments' reports (the trained sweep's), linked at the top of the index.</summary>
/// <param name="Title">The link's text.</param>
/// <param name="Href">Where it points, relative to the index.</param>
/// <param name="Description">A sentence after the link; none by default.</param>
public sealed record IndexLink(string Title, string Href, string? Description = null);
