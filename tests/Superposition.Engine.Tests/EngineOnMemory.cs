using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Superposition.Storage.Experiments;

namespace Superposition.Engine.Tests;

/// <summary>
/// The engine as the shells register it (<see cref="EngineServiceCollectionExtensions.AddSuperpositionEngine"/>), on an
/// <see cref="InMemoryResultStore"/> (which keeps the stores' contract) and a fake clock: the engine's behaviour in the
/// fast tier, without Azurite.
/// </summary>
internal sealed class EngineOnMemory : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EngineOnMemory(ServiceProvider services, InMemoryResultStore documents)
    {
        _services = services;
        Documents = documents;
    }

    public InMemoryResultStore Documents { get; }

    public ExperimentStore Store => _services.GetRequiredService<ExperimentStore>();

    public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The engine with <paramref name="settings"/> as its configuration (models under Superposition:Models).</summary>
    public static EngineOnMemory Create(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var documents = new InMemoryResultStore(time);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging();
        services.AddSingleton(new ExperimentStore(documents));
        services.AddSuperpositionEngine(configuration);
        return new EngineOnMemory(services.BuildServiceProvider(), documents);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
