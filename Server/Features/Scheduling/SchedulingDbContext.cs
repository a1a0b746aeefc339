using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// No entities: only the history of the scheduling migrations: 0001 made Quartz.NET's tables (qrtz_*) for the
/// clustered AdoJobStore of earlier versions, 0002 drops them (Hangfire makes its own tables). On SQLite they change
/// nothing.
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
