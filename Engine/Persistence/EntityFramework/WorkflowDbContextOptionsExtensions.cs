using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

public static class WorkflowDbContextOptionsExtensions
{
    /// <summary>Points a <see cref="WorkflowDbContext"/> at the database chosen in <paramref name="options"/>.</summary>
    public static DbContextOptionsBuilder UseConsultFlowDatabase(this DbContextOptionsBuilder builder, PersistenceOptions options)
    {
        _ = options.Provider switch
        {
            PersistenceProvider.Sqlite => builder.UseSqlite(options.ConnectionString),
            PersistenceProvider.Postgres => builder.UseNpgsql(options.ConnectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown persistence provider."),
        };
        // The migrations are written by hand and have no model snapshot, so EF cannot tell whether they match the
        // model and would refuse to migrate. The MigrationsMatchModel tests check that instead, on both providers.
        return builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
