using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;

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
        await LockedMigration.RunAsync(db, PostgresMigrationLockKey, targetMigration: null, ct);
    }

    /// <summary>Migrations not yet applied, for the readiness check.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }
}
