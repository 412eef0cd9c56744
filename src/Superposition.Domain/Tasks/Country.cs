namespace Superposition.Tasks;

/// <summary>One row of the project's country table (embedded resource <c>Tasks/Data/countries.csv</c>).</summary>
public sealed record Country(string Name, string Capital, string Continent, string Currency, string Adjective, string Chinese);
