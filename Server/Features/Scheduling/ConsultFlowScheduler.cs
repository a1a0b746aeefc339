using System.Collections.Specialized;
using ConsultFlow.Engine.Persistence.EntityFramework;
using ConsultFlow.Engine.Tasks;
using ConsultFlow.Server.Features.Timers;
using Quartz;
using Quartz.Impl;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// The one Quartz.NET scheduler of this node. The engine's tables are the truth (timer bookmarks and open tasks with
/// their due times); triggers are derived from them after each step and again at every start, and every job checks
/// the truth before acting, so a trigger that is missing, doubled or stale costs nothing. On PostgreSQL the store is
/// Quartz's AdoJobStore, clustered: nodes sharing the database fire each trigger once between them, and a trigger due
/// while every node was down is a misfire, fired once at the next start.
/// </summary>
public sealed class ConsultFlowScheduler(
    SchedulingOptions options,
    PersistenceOptions persistence,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<ConsultFlowScheduler> logger)
{
    // StdSchedulerFactory returns an existing scheduler of the same name from a process-wide repository; each host
    // (tests run several in one process) needs its own, so creation and un-registration happen under one lock.
    private static readonly SemaphoreSlim CreationLock = new(1, 1);
    private IScheduler? scheduler;

    /// <summary>When this node's scheduler started: a timer due before it was missed while the server was down.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    public bool Clustered => persistence.Provider == PersistenceProvider.Postgres;

    public bool IsRunning => scheduler is { IsStarted: true, IsShutdown: false, InStandbyMode: false };

    public IScheduler Quartz => scheduler ?? throw new InvalidOperationException("The scheduler has not started.");

    public async Task StartAsync(CancellationToken ct)
    {
        QuartzClock.Use(clock);
        StartedAt = clock.GetUtcNow();
        var instanceId = $"{Environment.MachineName}-{Guid.NewGuid():N}";
        await CreationLock.WaitAsync(ct);
        try
        {
            scheduler = await new StdSchedulerFactory(Properties(instanceId)).GetScheduler(ct);
            SchedulerRepository.Instance.Remove(options.SchedulerName, instanceId);
        }
        finally
        {
            CreationLock.Release();
        }
        scheduler.JobFactory = new ServiceJobFactory(services);
        await scheduler.Start(ct);
        logger.LogInformation("Quartz scheduler {Name}/{Instance} started ({Store}).", options.SchedulerName, instanceId,
            Clustered ? "AdoJobStore, clustered on PostgreSQL" : "RAMJobStore, rebuilt from the database");
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (scheduler is { } s) await s.Shutdown(waitForJobsToComplete: true, ct);
        QuartzClock.Release(clock);
    }

    public Task ScheduleTimerAsync(Guid bookmarkId, DateTimeOffset dueAt, CancellationToken ct) =>
        EnsureAsync<FireTimerJob>(ScheduleKeys.Timer(bookmarkId), dueAt, null, ct);

    /// <summary>Yellow when the profile's share of the period is left, red at the due time, then reminders while open.</summary>
    public async Task ScheduleTaskAsync(HumanTask task, double yellowShare, CancellationToken ct)
    {
        if (task.DueAt is not { } due) return;
        var keys = ScheduleKeys.Task(task.Id).ToList();
        var yellowAt = due - (due - task.CreatedAt) * yellowShare;
        if (yellowAt < due) await EnsureAsync<TaskDeadlineJob>(keys[0], yellowAt, null, ct);
        await EnsureAsync<TaskDeadlineJob>(keys[1], due, null, ct);
        if (options.ReminderIntervalHours > 0)
        {
            var interval = TimeSpan.FromHours(options.ReminderIntervalHours);
            await EnsureAsync<TaskDeadlineJob>(keys[2], due + interval, interval, ct);
        }
    }

    public async Task ForgetTaskAsync(Guid taskId, CancellationToken ct)
    {
        foreach (var key in ScheduleKeys.Task(taskId)) await Quartz.DeleteJob(key, ct);
    }

    public Task ScheduleRecurringAsync<TJob>(JobKey key, DateTimeOffset at, TimeSpan? repeat, CancellationToken ct) where TJob : IJob =>
        EnsureAsync<TJob>(key, at, repeat, ct);

    /// <summary>
    /// Runs the job again after <paramref name="delay"/> of Quartz's time: a trigger fired before its thing is due by
    /// the engine's clock (the clocks differ only in tests that run several servers in one process).
    /// </summary>
    public async Task AgainAfterAsync(JobKey key, TimeSpan delay, CancellationToken ct, Dictionary<string, string>? data = null)
    {
        var map = new JobDataMap();
        foreach (var (name, value) in data ?? []) map[name] = value;
        var trigger = TriggerBuilder.Create().WithIdentity($"{key.Name}:{Guid.NewGuid():N}", key.Group).ForJob(key).UsingJobData(map)
            .StartAt(SystemTime.UtcNow() + (delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay))
            .WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow()).Build();
        await Quartz.ScheduleJob(trigger, ct);
    }

    private async Task EnsureAsync<TJob>(JobKey key, DateTimeOffset at, TimeSpan? repeat, CancellationToken ct) where TJob : IJob
    {
        var quartz = Quartz;
        if (await quartz.CheckExists(key, ct)) return;
        var job = JobBuilder.Create<TJob>().WithIdentity(key).RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(key.Name, key.Group).ForJob(key).StartAt(at)
            .WithSimpleSchedule(s =>
            {
                // A trigger missed while the server was down fires once at start-up ("fire now"); a repeating one
                // fires now and keeps its rhythm.
                if (repeat is { } every) s.WithInterval(every).RepeatForever().WithMisfireHandlingInstructionNowWithExistingCount();
                else s.WithMisfireHandlingInstructionFireNow();
            }).Build();
        try
        {
            await quartz.ScheduleJob(job, trigger, ct);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node (or the start-up reconciliation) scheduled it first.
        }
    }

    private NameValueCollection Properties(string instanceId)
    {
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = options.SchedulerName,
            ["quartz.scheduler.instanceId"] = instanceId,
            ["quartz.scheduler.idleWaitTime"] = Math.Max(1000, options.IdleWaitMilliseconds).ToString(),
            ["quartz.threadPool.maxConcurrency"] = Math.Max(1, options.MaxConcurrency).ToString(),
            ["quartz.jobStore.misfireThreshold"] = (Math.Max(1, options.MisfireThresholdSeconds) * 1000).ToString(),
        };
        if (!Clustered) return properties;
        properties["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz";
        properties["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz";
        properties["quartz.jobStore.tablePrefix"] = "qrtz_";
        properties["quartz.jobStore.dataSource"] = "consultflow";
        properties["quartz.jobStore.clustered"] = "true";
        properties["quartz.jobStore.clusterCheckinInterval"] = Math.Max(1000, options.ClusterCheckinMilliseconds).ToString();
        properties["quartz.jobStore.useProperties"] = "true";
        properties["quartz.dataSource.consultflow.provider"] = "Npgsql";
        properties["quartz.dataSource.consultflow.connectionString"] = persistence.ConnectionString;
        properties["quartz.serializer.type"] = typeof(QuartzJsonSerializer).AssemblyQualifiedName;
        return properties;
    }
}
