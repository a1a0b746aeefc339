using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>
/// Runs a context's migrations so that nodes starting together migrate once. On SQLite EF's own lock (the
/// __EFMigrationsLock table) is held for the whole run. On PostgreSQL EF's lock ends with each migration's
/// transaction, so a second node could slip in between two migrations and apply the next one twice (seen: 5 of 5 runs
/// with four nodes); a session-level advisory lock, held on the connection EF migrates through, covers the whole run.
/// Each context passes its own key, so migrators of different history tables never wait for each other.
/// </summary>
public static class LockedMigration
{
    public static async Task RunAsync(DbContext db, long postgresLockKey, string? targetMigration, CancellationToken ct)
    {
        var migrator = db.GetService<IMigrator>();
        if (db.Database.IsSqlite())
        {
            EnsureSqliteFolder(db);
            await migrator.MigrateAsync(targetMigration, ct);
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await ExecuteAsync(db, $"SELECT pg_advisory_lock({postgresLockKey})", ct);
            try
            {
                await migrator.MigrateAsync(targetMigration, ct);
            }
            finally
            {
                await ExecuteAsync(db, $"SELECT pg_advisory_unlock({postgresLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>SQLite creates the database file, but not the folder it is to live in.</summary>
    public static void EnsureSqliteFolder(DbContext db)
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (dataSource is not ("" or ":memory:") && Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { } directory)
            Directory.CreateDirectory(directory);
    }

    private static async Task ExecuteAsync(DbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        // Waiting for another node's migration may take longer than an ordinary command is allowed to.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }
}
