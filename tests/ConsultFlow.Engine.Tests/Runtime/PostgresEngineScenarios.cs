using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Tests.Infrastructure;

namespace ConsultFlow.Engine.Tests.Runtime;

/// <summary>The engine scenarios on a real PostgreSQL server (started by ./test.sh or by the fixture itself).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEngineScenarios(PostgresServer server) : EngineScenarios
{
    protected override async Task<EngineHarness> CreateAsync() =>
        await DatabaseHarness.CreateAsync(new PersistenceOptions(PersistenceProvider.Postgres, await server.CreateDatabaseAsync()));
}
