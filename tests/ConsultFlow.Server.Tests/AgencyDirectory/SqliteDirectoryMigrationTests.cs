using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.Data.Sqlite;

namespace ConsultFlow.Server.Tests.AgencyDirectory;

public sealed class SqliteDirectoryMigrationTests : DirectoryMigrationTests, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("consultflow-directory-migrations-").FullName;

    protected override Task<PersistenceOptions> NewDatabaseAsync() => Task.FromResult(new PersistenceOptions(PersistenceProvider.Sqlite,
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, $"{Guid.NewGuid():N}.db"), DefaultTimeout = 30 }.ToString()));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
