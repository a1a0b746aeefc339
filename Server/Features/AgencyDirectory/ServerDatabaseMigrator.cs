using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ConsultFlow.Server.Features.AgencyDirectory;

/// <summary>
/// Brings the server's tables up to the newest migration at start-up, right after the engine's, with the engine's
/// approach: EF's own lock on SQLite, a session-level advisory lock around the whole run on PostgreSQL (EF's there ends
/// with each migration's transaction, so two nodes could otherwise interleave).
/// </summary>
public sealed class ServerDatabaseMigrator(IServiceScopeFactory scopes)
{
    // Differs from the engine's key, so that neither migrator can ever wait for the other.
    private const long PostgresMigrationLockKey = 0x436F6E73756C7453; // "ConsultS"

    public Task MigrateAsync(CancellationToken ct = default) => MigrateToAsync(targetMigration: null, ct);

    public async Task MigrateToAsync(string? targetMigration, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        var migrator = db.GetService<IMigrator>();
        if (db.Database.IsSqlite())
        {
            await migrator.MigrateAsync(targetMigration, ct);
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await ExecuteAsync(db, $"SELECT pg_advisory_lock({PostgresMigrationLockKey})", ct);
            try
            {
                await migrator.MigrateAsync(targetMigration, ct);
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

    private static async Task ExecuteAsync(ServerDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        // Waiting for another node's migration may take longer than an ordinary command is allowed to.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }
}
