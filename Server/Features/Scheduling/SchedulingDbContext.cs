using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// No entities: only the migrations that create Quartz.NET's own tables (qrtz_*, its PostgreSQL schema) for the
/// clustered AdoJobStore, with their own history table. On SQLite the migrations change nothing: the embedded store
/// is Quartz's RAMJobStore, rebuilt from the engine's tables at every start.
/// </summary>
public sealed class SchedulingDbContext(DbContextOptions<SchedulingDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__SchedulingMigrationsHistory";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, PersistenceOptions options)
    {
        _ = options.Provider switch
        {
            PersistenceProvider.Sqlite => builder.UseSqlite(options.ConnectionString, o => o.MigrationsHistoryTable(HistoryTable)),
            PersistenceProvider.Postgres => builder.UseNpgsql(options.ConnectionString, o => o.MigrationsHistoryTable(HistoryTable)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown persistence provider."),
        };
        return builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
