using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.Data.Sqlite;

namespace ConsultFlow.Engine.Tests.Persistence;

public sealed class SqliteMigrationTests() : MigrationTests(PersistenceProvider.Sqlite, postgres: null)
{
    [Fact]
    public async Task Migrating_switches_the_database_to_write_ahead_logging()
    {
        await Migrator.MigrateAsync();

        (await QueryAsync(Options, "PRAGMA journal_mode")).Should().Equal("wal");
    }

    [Fact]
    public async Task Default_options_keep_the_database_in_app_data_under_the_content_root()
    {
        var contentRoot = Directory.CreateTempSubdirectory("consultflow-root-").FullName;
        try
        {
            var options = PersistenceOptions.SqliteUnder(contentRoot);
            Directory.Exists(Path.Combine(contentRoot, "app-data")).Should().BeTrue();

            await using (var node = NewNode(options))
            {
                await node.MigrateConsultFlowDatabaseAsync();
            }

            File.Exists(Path.Combine(contentRoot, "app-data", "consultflow.db")).Should().BeTrue();
            new SqliteConnectionStringBuilder(options.ConnectionString).DefaultTimeout.Should().Be(30);
            using var connection = new SqliteConnection(options.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }
}
