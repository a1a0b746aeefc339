using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Audit;

/// <summary>
/// Brings the audit table up to date at start-up, like the engine's DatabaseMigrator: on PostgreSQL under a
/// session-level advisory lock held for the whole run, so that nodes starting together migrate once.
/// </summary>
public sealed class AuditMigrator(IDbContextFactory<AuditDbContext> contexts)
{
    // Not the engine's key: the two migrators guard different history tables and need not wait for each other.
    private const long PostgresMigrationLockKey = 0x436641756469744D; // "CfAuditM"

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await LockedMigration.RunAsync(db, PostgresMigrationLockKey, targetMigration: null, ct);
    }

    /// <summary>Migrations not yet applied, for the readiness check.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }
}
