using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Tests.Infrastructure;

namespace ConsultFlow.Server.Tests.AgencyDirectory;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDirectoryMigrationTests(PostgresServer postgres) : DirectoryMigrationTests
{
    protected override async Task<PersistenceOptions> NewDatabaseAsync() =>
        new(PersistenceProvider.Postgres, await postgres.CreateDatabaseAsync());
}
