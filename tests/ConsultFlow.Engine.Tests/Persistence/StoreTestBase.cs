using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConsultFlow.Engine.Tests.Persistence;

/// <summary>
/// A fresh database per test, reached through the same registration the application uses. The tests are written
/// once, in abstract classes deriving from this; a one-line subclass per provider runs them on SQLite or PostgreSQL.
/// </summary>
public abstract class StoreTestBase(PersistenceProvider provider, PostgresServer? postgres) : IAsyncLifetime
{
    private readonly List<SqliteDatabase> _sqliteDatabases = [];
    private ServiceProvider? _services;

    protected PersistenceProvider Provider => provider;

    /// <summary>Migration tests start from an empty database and migrate it themselves.</summary>
    protected virtual bool MigrateOnStart => true;

    protected PersistenceOptions Options { get; private set; } = null!;
    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialized.");
    protected IInstanceStore Instances => Services.GetRequiredService<IInstanceStore>();
    protected IDefinitionStore Definitions => Services.GetRequiredService<IDefinitionStore>();
    protected DatabaseMigrator Migrator => Services.GetRequiredService<DatabaseMigrator>();
    protected IDbContextFactory<WorkflowDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();

    public async Task InitializeAsync()
    {
        Options = await CreateDatabaseAsync();
        _services = NewNode();
        if (MigrateOnStart)
        {
            await _services.MigrateConsultFlowDatabaseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        foreach (var database in _sqliteDatabases)
        {
            database.Dispose();
        }
    }

    /// <summary>A new, empty database of the same provider.</summary>
    protected async Task<PersistenceOptions> CreateDatabaseAsync()
    {
        if (provider == PersistenceProvider.Sqlite)
        {
            var database = new SqliteDatabase();
            _sqliteDatabases.Add(database);
            return new PersistenceOptions(provider, database.ConnectionString);
        }
        var server = postgres ?? throw new InvalidOperationException("No PostgreSQL server.");
        return new PersistenceOptions(provider, await server.CreateDatabaseAsync());
    }

    /// <summary>An independent service provider on the same database, as a second application node would have.</summary>
    protected ServiceProvider NewNode() => NewNode(Options);

    protected static ServiceProvider NewNode(PersistenceOptions options) =>
        new ServiceCollection().AddConsultFlowPersistence(options).BuildServiceProvider();
}
