using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Tests.Infrastructure;

namespace ConsultFlow.Engine.Tests.Runtime;

public sealed class SqliteEngineScenarios : EngineScenarios, IDisposable
{
    private readonly List<SqliteDatabase> databases = [];

    protected override Task<EngineHarness> CreateAsync()
    {
        var database = new SqliteDatabase();
        databases.Add(database);
        return DatabaseHarness.CreateAsync(new PersistenceOptions(PersistenceProvider.Sqlite, database.ConnectionString));
    }

    public void Dispose()
    {
        foreach (var database in databases) database.Dispose();
    }
}
