using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;

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
        await LockedMigration.RunAsync(scope.ServiceProvider.GetRequiredService<ServerDbContext>(), PostgresMigrationLockKey, targetMigration, ct);
    }
}
