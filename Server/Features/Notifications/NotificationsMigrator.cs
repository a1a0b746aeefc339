using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;

namespace ConsultFlow.Server.Features.Notifications;

/// <summary>Brings the notifications tables up to date, under its own advisory lock on PostgreSQL.</summary>
public sealed class NotificationsMigrator(IDbContextFactory<NotificationsDbContext> contexts)
{
    private const long PostgresMigrationLockKey = 0x43664E6F74696679; // "CfNotify"

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await LockedMigration.RunAsync(db, PostgresMigrationLockKey, targetMigration: null, ct);
    }
}
