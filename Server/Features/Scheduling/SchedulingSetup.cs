using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>Every time-based thing (timers, deadline warnings, reminders, recurring consultations) through Quartz.NET.</summary>
public static class SchedulingSetup
{
    // Not another context's key: the migrators guard different history tables.
    private const long PostgresMigrationLockKey = 0x4366517561727A74; // "CfQuartz"

    public static void AddConsultFlowScheduling(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions());
        services.AddSingleton(builder.Configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<SchedulingDbContext>((provider, options) =>
            SchedulingDbContext.Configure(options, provider.GetRequiredService<PersistenceOptions>()));
        services.AddDbContextFactory<NotificationsDbContext>((provider, options) =>
            NotificationsDbContext.Configure(options, provider.GetRequiredService<PersistenceOptions>()));
        services.AddSingleton<NotificationsMigrator>();
        services.AddSingleton<RecipientDirectory>();
        services.AddSingleton<INotificationChannel, SmtpNotificationChannel>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<JournalNotifications>();
        services.AddSingleton<SchedulingSignals>();
        services.AddSingleton<ConsultFlowScheduler>();
        DecorateInstanceStore(services);
        services.AddHostedService<SchedulingWorker>();
        services.AddHealthChecks().AddCheck<SchedulingReadyCheck>("scheduling", tags: ["ready"]);
    }

    /// <summary>Runs after the databases are migrated and before the server takes requests.</summary>
    public static async Task PrepareSchedulingAsync(this IServiceProvider services)
    {
        await services.GetRequiredService<NotificationsMigrator>().MigrateAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<SchedulingDbContext>>().CreateDbContextAsync();
        await LockedMigration.RunAsync(db, PostgresMigrationLockKey, targetMigration: null, CancellationToken.None);
    }

    /// <summary>The engine's store, wrapped so that each committed step is handed to the scheduler.</summary>
    private static void DecorateInstanceStore(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IInstanceStore))
            ?? throw new InvalidOperationException("AddConsultFlowScheduling needs the engine's persistence registered first.");
        services.Remove(registered);
        services.AddSingleton<IInstanceStore>(provider => new SchedulingInstanceStore(Create(provider, registered), provider.GetRequiredService<SchedulingSignals>()));
    }

    private static IInstanceStore Create(IServiceProvider provider, ServiceDescriptor descriptor) => (IInstanceStore)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
