using ConsultFlow.Engine.Evidence;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

/// <summary>
/// Brings the database up to the newest migration at start-up, safely when several nodes start at once: one migrates
/// while the others wait, then find nothing left to do.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<WorkflowDbContext> contextFactory, ChainOptions chain)
{
    // Any constant will do, as long as nothing else on the server uses it for an advisory lock.
    private const long PostgresMigrationLockKey = 0x436F6E73756C7446; // "ConsultF"

    public Task MigrateAsync(CancellationToken ct = default) => MigrateToAsync(targetMigration: null, ct);

    /// <summary>
    /// Whether this node's last migration introduced the evidence chain (0006): then what other features stored
    /// before it (attachments) is recorded in the chain once, marked as recorded at the upgrade.
    /// </summary>
    public bool ChainIntroducedThisRun { get; private set; }

    /// <summary>Migrates up (or down) to <paramref name="targetMigration"/>, or to the newest when it is null.</summary>
    public async Task MigrateToAsync(string? targetMigration, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite()) await PrepareSqliteAsync(db, ct);
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        var applied = await db.Database.GetAppliedMigrationsAsync(ct);
        await LockedMigration.RunAsync(db, PostgresMigrationLockKey, targetMigration, ct);
        // Only an upgrade: a new database has nothing stored before the chain.
        ChainIntroducedThisRun = applied.Any() && pending.Contains(Migrations.EvidenceChain.Id)
            && (await db.Database.GetAppliedMigrationsAsync(ct)).Contains(Migrations.EvidenceChain.Id);
        if (targetMigration is null) await EvidenceBackfill.RunAsync(contextFactory, chain.Algorithm, ct);
    }

    private static async Task PrepareSqliteAsync(WorkflowDbContext db, CancellationToken ct)
    {
        LockedMigration.EnsureSqliteFolder(db);
        // WAL lets readers go on while one connection writes, and it is remembered in the file, so once is enough.
        // It cannot be switched inside a transaction, hence here and not in a migration.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
