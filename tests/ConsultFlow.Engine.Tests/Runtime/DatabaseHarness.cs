using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>Builds an <see cref="EngineHarness"/> over the EF Core stores of a freshly migrated database.</summary>
public static class DatabaseHarness
{
    public static async Task<EngineHarness> CreateAsync(PersistenceOptions options)
    {
        var services = new ServiceCollection().AddConsultFlowPersistence(options).BuildServiceProvider();
        await services.MigrateConsultFlowDatabaseAsync();
        return new EngineHarness(services.GetRequiredService<IInstanceStore>(), services.GetRequiredService<IDefinitionStore>());
    }
}
