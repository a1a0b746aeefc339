using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Server.Features.Attachments;

/// <summary>
/// Brings the attachments table up to date, like the audit's migrator: on PostgreSQL under a session-level advisory
/// lock held for the whole run, so that nodes starting together migrate once.
/// </summary>
public sealed class AttachmentsMigrator(IDbContextFactory<AttachmentsDbContext> contexts)
{
    // Not the engine's or the audit's key: the migrators guard different history tables and need not wait for each other.
    private const long PostgresMigrationLockKey = 0x436641747461636D; // "CfAttacm"

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var migrator = db.GetService<IMigrator>();
        if (db.Database.IsSqlite())
        {
            var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (dataSource is not ("" or ":memory:") && Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }
            // EF's SQLite migration lock covers the whole run.
            await migrator.MigrateAsync(cancellationToken: ct);
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await ExecuteAsync(db, $"SELECT pg_advisory_lock({PostgresMigrationLockKey})", ct);
            try
            {
                await migrator.MigrateAsync(cancellationToken: ct);
            }
            finally
            {
                await ExecuteAsync(db, $"SELECT pg_advisory_unlock({PostgresMigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Migrations not yet applied, for the readiness check.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }

    private static async Task ExecuteAsync(AttachmentsDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        // Waiting for another node's migration may take longer than an ordinary command is allowed to.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }
}
