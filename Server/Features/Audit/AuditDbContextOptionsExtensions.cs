using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultFlow.Server.Features.Audit;

public static class AuditDbContextOptionsExtensions
{
    /// <summary>Points an <see cref="AuditDbContext"/> at the engine's database, with the audit's own history table.</summary>
    public static DbContextOptionsBuilder UseAuditDatabase(this DbContextOptionsBuilder builder, PersistenceOptions options)
    {
        _ = options.Provider switch
        {
            PersistenceProvider.Sqlite => builder.UseSqlite(options.ConnectionString, o => o.MigrationsHistoryTable(AuditDbContext.HistoryTable)),
            PersistenceProvider.Postgres => builder.UseNpgsql(options.ConnectionString, o => o.MigrationsHistoryTable(AuditDbContext.HistoryTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown persistence provider."),
        };
        // Hand-written migrations without a model snapshot, as in the engine; the audit migration test compares the
        // migrated schema with the model instead.
        return builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
