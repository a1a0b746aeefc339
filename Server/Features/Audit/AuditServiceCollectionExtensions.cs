using ConsultFlow.Engine.Evidence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsultFlow.Server.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The audit chain on the engine's database (needs the <see cref="PersistenceOptions"/> that AddConsultFlowPersistence
    /// registers), its migrator, the capture middleware's services, the readers' policy and the readiness check.
    /// Throws for an unknown algorithm, so a misconfigured node does not start.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, AuditOptions? options = null)
    {
        options ??= new AuditOptions();
        options.Algorithm = HashAlgorithms.Normalize(options.Algorithm);
        services.AddSingleton(options);
        // One setting for every chain: the command record's and each case's journal.
        services.Replace(ServiceDescriptor.Singleton(new ChainOptions(options.Algorithm)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<AuditDbContext>((provider, builder) => builder.UseAuditDatabase(provider.GetRequiredService<PersistenceOptions>()));
        services.TryAddSingleton<AuditMigrator>();
        services.TryAddSingleton<AuditChain>();
        services.TryAddSingleton<AuditHealth>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditBefore, TaskAuditBefore>());
        services.AddAuthorizationBuilder().AddPolicy(AuditAuthorization.ReadersPolicy,
            policy => policy.RequireAuthenticatedUser().RequireRole(AuditAuthorization.ReaderRoles));
        services.AddHealthChecks().AddCheck<AuditHealthCheck>("audit", tags: ["ready"]);
        return services;
    }

    /// <summary>Records every successful command; call after UseAuthentication and UseAuthorization.</summary>
    public static IApplicationBuilder UseAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();

    /// <summary>Creates or upgrades the audit table; call once at start-up, after the engine's migration.</summary>
    public static Task MigrateAuditDatabaseAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<AuditMigrator>().MigrateAsync(ct);
}
