using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>
/// Brings the database up to the newest migration at start-up, safely when several nodes start at once: one migrates
/// while the others wait, then find nothing left to do.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<WorkflowDbContext> contextFactory)
{
    // Any constant will do, as long as nothing else on the server uses it for an advisory lock.
    private const long PostgresMigrationLockKey = 0x436F6E73756C7446; // "ConsultF"

    public Task MigrateAsync(CancellationToken ct = default) => MigrateToAsync(targetMigration: null, ct);

    /// <summary>Migrates up (or down) to <paramref name="targetMigration"/>, or to the newest when it is null.</summary>
    public async Task MigrateToAsync(string? targetMigration, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var migrator = db.GetService<IMigrator>();
        if (db.Database.IsSqlite())
        {
            // EF's SQLite lock (the __EFMigrationsLock table) is held for the whole run, which is all we need.
            await PrepareSqliteAsync(db, ct);
            await migrator.MigrateAsync(targetMigration, ct);
            return;
        }

        // EF's PostgreSQL lock (LOCK TABLE on the history table) ends with each migration's transaction, so a second
        // node can slip in between two migrations and apply the next one twice. A session-level advisory lock, held
        // on the connection EF then migrates through, covers the whole run.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await ExecutePostgresAsync(db, $"SELECT pg_advisory_lock({PostgresMigrationLockKey})", ct);
            try
            {
                await migrator.MigrateAsync(targetMigration, ct);
            }
            finally
            {
                await ExecutePostgresAsync(db, $"SELECT pg_advisory_unlock({PostgresMigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecutePostgresAsync(WorkflowDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        // Waiting for another node's migration may take longer than an ordinary command is allowed to.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task PrepareSqliteAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (dataSource is not ("" or ":memory:") && Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }
        // WAL lets readers go on while one connection writes, and it is remembered in the file, so once is enough.
        // It cannot be switched inside a transaction, hence here and not in a migration.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
