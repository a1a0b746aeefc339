using ConsultFlow.Engine.Persistence;
using ConsultFlow.Engine.Profiles;
using ConsultFlow.Engine.State;
using ConsultFlow.Server.Features.Notifications;
using ConsultFlow.Server.Features.Timers;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// Starts this node's scheduler and rebuilds its triggers from the database before the server takes requests (hosted
/// services start before the web server), then plans each committed step's timers and task deadlines as they come.
/// </summary>
public sealed class SchedulingWorker(
    ConsultFlowScheduler scheduler,
    SchedulingSignals signals,
    IInstanceStore store,
    JournalNotifications journal,
    DeploymentProfile profile,
    SchedulingOptions options,
    ConsultFlowOptions consultFlow,
    TimeProvider clock,
    ILogger<SchedulingWorker> logger) : BackgroundService
{
    private const int Page = 500;

    public override async Task StartAsync(CancellationToken ct)
    {
        await journal.InitializeAsync(ct);
        await scheduler.StartAsync(ct);
        await ReconcileAsync(ct);
        await base.StartAsync(ct);
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await scheduler.StopAsync(ct);
    }

    /// <summary>Every pending timer and open task with a due time gets its triggers (those already there stay).</summary>
    public async Task ReconcileAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var timers = await store.FindDueTimersAsync(now.AddYears(200), int.MaxValue, ct);
        foreach (var timer in timers)
            await scheduler.ScheduleTimerAsync(timer.BookmarkId, timer.DueAt!.Value, ct);
        var tasks = 0;
        for (var skip = 0; ; skip += Page)
        {
            var page = await store.ListTasksAsync(new TaskQuery { Status = HumanTaskStatus.Open, Skip = skip, Take = Page }, ct);
            foreach (var task in page.Where(t => t.DueAt is not null))
            {
                await scheduler.ScheduleTaskAsync(task, profile.YellowShare, ct);
                tasks++;
            }
            if (page.Count < Page) break;
        }
        var poll = TimeSpan.FromSeconds(Math.Max(1, consultFlow.TimerPollSeconds));
        await scheduler.ScheduleRecurringAsync<MaintenanceJob>(ScheduleKeys.Maintenance, now, poll, ct);
        // The first prompt comes at the next period's start: a new installation is not told it is already behind.
        if (options.JointConsultation && JointConsultationPeriod.Months(profile) is { } months)
            await JointConsultationJob.ScheduleNextAsync(scheduler, JointConsultationPeriod.Of(now, months, profile.Name).End, ct);
        logger.LogInformation("Scheduler reconciled: {Timers} pending timer(s), {Tasks} open task(s) with a due time.", timers.Count, tasks);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in signals.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                foreach (var timer in work.Timers) await scheduler.ScheduleTimerAsync(timer.BookmarkId, timer.DueAt, stoppingToken);
                foreach (var task in work.Tasks)
                {
                    if (task.Status == HumanTaskStatus.Open) await scheduler.ScheduleTaskAsync(task, profile.YellowShare, stoppingToken);
                    else await scheduler.ForgetTaskAsync(task.Id, stoppingToken);
                }
                if (work.NotifiableJournal) await journal.CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The triggers are rebuilt at the next start and the maintenance job reads the journal again.
                logger.LogError(ex, "Scheduling a committed step failed.");
            }
        }
    }
}
