using ConsultFlow.Engine.Persistence.EntityFramework;

namespace ConsultFlow.Server.Tests.AgencyDirectory;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDirectoryMigrationTests(PostgresServer postgres) : DirectoryMigrationTests
{
    protected override async Task<PersistenceOptions> NewDatabaseAsync() =>
        new(PersistenceProvider.Postgres, await postgres.CreateDatabaseAsync());
}
