using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Server.Features.Notifications;
using ConsultFlow.Server.Features.Timers;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// Every time-based thing (timers, deadline warnings, reminders, recurring consultations) and every background send
/// through Hangfire: PostgreSQL storage (schema "hangfire", shared by the nodes) in production, in-memory storage on the
/// embedded SQLite default, rebuilt from the database at every start.
/// </summary>
public static class SchedulingSetup
{
    // Not another context's key: the migrators guard different history tables.
    private const long PostgresMigrationLockKey = 0x4366517561727A74; // "CfQuartz" (kept: the same history table)

    public static void AddConsultFlowScheduling(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        services.AddSingleton(options);
        services.AddSingleton(builder.Configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<SchedulingDbContext>((provider, db) =>
            SchedulingDbContext.Configure(db, provider.GetRequiredService<PersistenceOptions>()));
        services.AddDbContextFactory<NotificationsDbContext>((provider, db) =>
            NotificationsDbContext.Configure(db, provider.GetRequiredService<PersistenceOptions>()));
        services.AddSingleton<NotificationsMigrator>();
        services.AddSingleton<RecipientDirectory>();
        services.AddSingleton<INotificationChannel, SmtpNotificationChannel>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<NotificationDeliveries>();
        services.AddSingleton<JournalNotifications>();
        services.AddSingleton<SchedulingSignals>();
        services.AddSingleton<ConsultFlowScheduler>();
        services.AddSingleton<DueWorkReconciler>();
        DecorateInstanceStore(services);

        // Hangfire's static configuration (serializer settings) is the same for every host; the storage is not static:
        // each host (tests run several in one process) has its own, registered after AddHangfire so it is the one used.
        services.AddHangfire((provider, config) =>
        {
            HangfireLogBridge.Use(provider.GetRequiredService<ILoggerFactory>());
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings().UseLogProvider(HangfireLogBridge.Instance);
        });
        services.AddSingleton<JobStorage>(provider =>
        {
            HangfireLogBridge.Use(provider.GetRequiredService<ILoggerFactory>());
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(HangfireLogBridge.Instance);
            return CreateStorage(provider.GetRequiredService<PersistenceOptions>(), options);
        });
        services.AddHostedService<SchedulingWorker>();
        services.AddHangfireServer((_, server) =>
        {
            server.ServerName = $"{Environment.MachineName}:{Guid.NewGuid():N}"[..Math.Min(60, Environment.MachineName.Length + 33)];
            server.WorkerCount = Math.Max(1, options.WorkerCount);
            server.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, options.ShutdownSeconds));
            server.StopTimeout = TimeSpan.FromSeconds(Math.Max(1, options.ShutdownSeconds));
        });
        services.AddHostedService<DuePump>();
        services.AddHostedService<MaintenanceService>();
        services.AddHealthChecks().AddCheck<SchedulingReadyCheck>("scheduling", tags: ["ready"]);
    }

    /// <summary>Runs after the databases are migrated and before the server takes requests.</summary>
    public static async Task PrepareSchedulingAsync(this IServiceProvider services)
    {
        await services.GetRequiredService<NotificationsMigrator>().MigrateAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<SchedulingDbContext>>().CreateDbContextAsync();
        await LockedMigration.RunAsync(db, PostgresMigrationLockKey, targetMigration: null, CancellationToken.None);
    }

    private static JobStorage CreateStorage(PersistenceOptions persistence, SchedulingOptions options)
    {
        if (persistence.Provider != PersistenceProvider.Postgres)
            return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(7) });
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.HangfireSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(Math.Max(100, options.QueuePollMilliseconds)),
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
            UseSlidingInvisibilityTimeout = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(persistence.ConnectionString, storageOptions), storageOptions);
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
