using Microsoft.EntityFrameworkCore;
using ConsultFlow.Engine.Evidence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsultFlow.Engine.Persistence.EntityFramework;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="WorkflowDbContext"/> factory for the chosen provider, the EF Core stores as singletons
    /// (each call uses its own short-lived context) and the <see cref="DatabaseMigrator"/>. The journal is chained with
    /// SHA-256 unless a <see cref="ChainOptions"/> was registered before.
    /// </summary>
    public static IServiceCollection AddConsultFlowPersistence(this IServiceCollection services, PersistenceOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(ChainOptions.Default);
        services.AddDbContextFactory<WorkflowDbContext>(builder => builder.UseConsultFlowDatabase(options));
        services.AddSingleton<IInstanceStore, EfInstanceStore>();
        services.AddSingleton<IDefinitionStore, EfDefinitionStore>();
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    /// <summary>Runs the migrations; call once at start-up, before the engine or the API touch the stores.</summary>
    public static Task MigrateConsultFlowDatabaseAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
}
